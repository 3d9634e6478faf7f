package game

// The tests' access to the current stage's state.

func (a *App) pl() *playStage    { return a.stage.(*playStage) }
func (a *App) db() *debriefStage { return a.stage.(*debriefStage) }
func (a *App) su() *setupStage   { return a.stage.(*setupStage) }

// menuOf is the prepared frame of the menu screen shown.
func (a *App) menuOf() *menuPrep {
	switch st := a.stage.(type) {
	case *titleStage:
		return &st.menu
	case *setupStage:
		return &st.menu
	case *debriefStage:
		return &st.menu
	}
	panic("not a menu screen")
}
