package game

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dongshu/game/i18n"
	"dongshu/game/session"
)

// Save, load and export errors are explained in the player's language, chosen from the error's kind;
// the English technical text stays as a smaller detail under it.
func TestErrorExplained(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	load := func(p string) error {
		_, err := session.Load(p)
		require.Error(t, err)
		return err
	}
	fr, err := i18n.Load("fr")
	require.NoError(t, err)
	en, err := i18n.Load("en")
	require.NoError(t, err)
	missing := filepath.Join(dir, "missing.json")
	for _, c := range []struct {
		err    error
		fr, en string
	}{
		{load(write("png.json", "PNG\x00")), "Ce fichier n'est pas une sauvegarde dongshu.", "This file is not a dongshu save."},
		{load(write("new.json", `{"format": "dongshu-save", "version": 7}`)),
			"Cette sauvegarde vient d'une version plus récente de dongshu : mettez le jeu à jour pour l'ouvrir.",
			"This save comes from a newer version of dongshu: update the game to open it."},
		{load(write("bad.json", "{\n\"format\": \"dongshu-save\",\n\"version\": 1,\n\"setup\": [,\n}")),
			"Sauvegarde endommagée (ligne 4) : elle ne peut pas être chargée.", "Damaged save (line 4): it cannot be loaded."},
		{load(missing), "Aucune sauvegarde à cet endroit : " + missing, "No save file at " + missing},
		{&session.Error{Op: session.OpSave, Kind: session.ErrIO, Path: "/x/s.json"},
			"Impossible d'écrire dans /x/s.json", "Cannot write to /x/s.json"},
		{&session.Error{Op: session.OpExport, Kind: session.ErrNothingToExport},
			"Rien à exporter : aucun mois n'a encore été joué.", "Nothing to export: no month has been played yet."},
		{&session.Error{Op: session.OpExport}, "L'export n'a pas pu être écrit.", "The export could not be written."},
	} {
		got, ok := explainError(fr, c.err)
		assert.True(t, ok, c.err.Error())
		assert.Equal(t, c.fr, got, c.err.Error())
		got, _ = explainError(en, c.err)
		assert.Equal(t, c.en, got, c.err.Error())
	}
	_, ok := explainError(fr, errors.New("something else"))
	assert.False(t, ok, "other errors are shown as they are")

	// The message box: the explanation, then the technical text in a smaller face.
	a := newApp(t, Options{Lang: "fr", LoadPath: filepath.Join(dir, "png.json")})
	require.Equal(t, OverlayMessage, a.Overlay())
	assert.Equal(t, fr.T("ui.msg.error"), a.msg.title)
	assert.Equal(t, []string{"Ce fichier n'est pas une sauvegarde dongshu."}, a.msg.lines)
	require.NotEmpty(t, a.msg.small)
	assert.Contains(t, strings.Join(a.msg.small, " "), "is not a dongshu save file")
	var r recorder
	a.Draw(&r)
	assert.Contains(t, r.texts, a.msg.lines[0])
	var small bool
	for _, x := range a.menuOf().top.texts {
		if strings.Contains(x.S, "is not a dongshu save file") {
			small = x.F == a.fonts.Small
		}
	}
	assert.True(t, small, "the detail is drawn, small")
}

// Esc (or Quit) on the debrief asks first while the export is not written; after it, it quits at once.
func TestDebriefQuitAsksBeforeExport(t *testing.T) {
	t.Chdir(t.TempDir()) // the export is written in the working directory
	deb := &UIState{Screen: ScreenDebrief, Overlay: OverlayQuitQ}
	assert.Equal(t, []Command{{Kind: CmdExport}}, MapInput(&Input{Keys: []Key{KeyEnter}}, deb, nil), "Enter: the safe choice")
	assert.Equal(t, []Command{{Kind: CmdExport}}, MapInput(&Input{Chars: []rune("e")}, deb, nil))
	assert.Equal(t, []Command{{Kind: CmdDismiss}}, MapInput(&Input{Keys: []Key{KeyEscape}}, deb, nil))

	a := newApp(t, Options{Lang: "fr", Setup: session.Setup{Preset: "baseline", Seed: 9}, Start: true})
	run(t, a, 30)
	a.gotoDebrief()
	require.Equal(t, ScreenDebrief, a.Screen())
	press(t, a, Input{Keys: []Key{KeyEscape}})
	require.Equal(t, OverlayQuitQ, a.Overlay(), "Esc asks before quitting without the export")
	var r recorder
	a.Draw(&r)
	assert.Contains(t, r.texts, "Quitter sans exporter ?")
	var labels []string
	for _, b := range a.menuOf().top.buttons {
		labels = append(labels, b.Label)
	}
	assert.ElementsMatch(t, []string{"Exporter (Entrée)", "Quitter", "Annuler"}, labels)
	press(t, a, Input{Keys: []Key{KeyEscape}})
	assert.Equal(t, OverlayNone, a.Overlay(), "Esc cancels")
	a.Do(Command{Kind: CmdQuit}) // the Quit (Esc) button asks too
	require.Equal(t, OverlayQuitQ, a.Overlay())
	press(t, a, Input{Keys: []Key{KeyEnter}})
	require.Equal(t, OverlayMessage, a.Overlay())
	assert.Equal(t, a.cat.T("ui.msg.exported_title"), a.msg.title)
	assert.DirExists(t, "dongshu-export-9")
	press(t, a, Input{Keys: []Key{KeyEnter}})
	press(t, a, Input{Keys: []Key{KeyEscape}})
	assert.ErrorIs(t, a.Update(&Input{}), ErrQuit, "after the export, Esc quits at once")

	// Quit in the box quits without the export.
	b := newApp(t, Options{Setup: session.Setup{Preset: "baseline", Seed: 9}, Start: true})
	run(t, b, 30)
	b.gotoDebrief()
	b.Do(Command{Kind: CmdQuit})
	require.Equal(t, OverlayQuitQ, b.Overlay())
	b.Do(Command{Kind: CmdQuit})
	assert.ErrorIs(t, b.Update(&Input{}), ErrQuit)
}
