//go:build js

package session

// Export is not available in the browser (no files; and the charts' plotting library would double the
// download): in a classroom game the facilitator exports the class's game from the server.
func (s *Session) Export(dir string) error {
	return newError(OpExport, nil, dir, nil,
		"session: export: the browser game has no export; the facilitator exports the class's game from the server")
}

// ExportLang is Export (not available in the browser either).
func (s *Session) ExportLang(dir, lang string) error { return s.Export(dir) }
