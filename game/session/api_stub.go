package session

// This file holds the Session API the game layer is written against while the session helper builds it;
// it is deleted when the real implementation lands. Every body panics.

import "dongshu/agents"

// Session is one game in progress.
type Session struct{}

// New starts a game: loads the scenario (preset or TOML text), applies the difficulty, builds the model.
func New(st Setup) (*Session, error) { panic("session: not built yet") }

// Setup returns what the game was made from.
func (s *Session) Setup() Setup { panic("session: not built yet") }

// Model returns the model, read only (the game never mutates it).
func (s *Session) Model() *agents.Model { panic("session: not built yet") }

// Actions returns the actions recorded so far, in order.
func (s *Session) Actions() []Action { panic("session: not built yet") }

// Speed is the clock's speed in months per second; 0 is paused.
func (s *Session) Speed() int { panic("session: not built yet") }

// SetSpeed sets the speed, clamped to 0..MaxSpeed.
func (s *Session) SetSpeed(v int) { panic("session: not built yet") }

// Tick advances the clock by one update (1/TPS s) and steps the model when a month is due, unless the
// game is paused, over, or waiting for a human at a quota round.
func (s *Session) Tick() error { panic("session: not built yet") }

// Step simulates one month now (single step), unless waiting or over.
func (s *Session) Step() error { panic("session: not built yet") }

// Waiting returns the humans the next month waits for.
func (s *Session) Waiting() Waiting { panic("session: not built yet") }

// Submit records an action and queues it in the model for the next month.
func (s *Session) Submit(a Action) error { panic("session: not built yet") }

// Advice is the AI's advice to province p now.
func (s *Session) Advice(p int) agents.Advice { panic("session: not built yet") }

// History returns the metrics of every month so far.
func (s *Session) History() *History { panic("session: not built yet") }

// News returns the news log, oldest first.
func (s *Session) News() []News { panic("session: not built yet") }

// Done reports whether the game has reached its last month.
func (s *Session) Done() bool { panic("session: not built yet") }

// Debrief scores each human role (or, in autoplay, the planner).
func (s *Session) Debrief() []Debrief { panic("session: not built yet") }

// Save writes the game to path atomically (versioned; replayed on load).
func (s *Session) Save(path string) error { panic("session: not built yet") }

// Load reads a saved game and replays it to where it was saved.
func Load(path string) (*Session, error) { panic("session: not built yet") }

// Export writes the seminar export into dir: timeseries.csv and events.csv in the batch runner's
// formats, and the batch report's PNG charts.
func (s *Session) Export(dir string) error { panic("session: not built yet") }
