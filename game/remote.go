package game

import "dongshu/game/session"

// Remote is a classroom room the game plays in (game/netplay.Remote is one): the game shows the room's
// game, replayed locally in lockstep, and sends its seat's decisions to the server, which runs the clock.
type Remote interface {
	Session() *session.Session     // the replica of the room's game
	Pump() error                   // applies what the server has sent (never waits)
	Submit(a session.Action) error // sends a decision of the player's seat
	Awaited() session.Waiting      // the player's seat, while the open round waits for it
	Ended() bool                   // the facilitator ended the game (before its last month, perhaps)
}

// tickRemote follows the room: the server's months replace the local clock, and the player's seat is
// asked for its decision when the round waits for it.
func (pl *playStage) tickRemote() {
	if err := pl.opt.Remote.Pump(); err != nil {
		pl.opt.Remote = closedRemote{pl.opt.Remote}
		pl.errorBox(err)
		return
	}
	if pl.sess.Done() || pl.opt.Remote.Ended() {
		pl.gotoDebrief()
		return
	}
	pl.checkWaiting()
}

// submit sends a decision to the room, or submits it to the local game.
func (pl *playStage) submit(act session.Action) error {
	if pl.opt.Remote != nil {
		return pl.opt.Remote.Submit(act)
	}
	return pl.sess.Submit(act)
}

// closedRemote is a room the connection to which is lost: the game stays on screen as it was.
type closedRemote struct{ Remote }

func (closedRemote) Pump() error              { return nil }
func (closedRemote) Awaited() session.Waiting { return session.Waiting{} }
func (closedRemote) Ended() bool              { return false }
