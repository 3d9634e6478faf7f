// Package assets embeds the game's data files: translation catalogs and the map layout.
package assets

import "embed"

// FS holds i18n/<lang>/*.toml and map/layout.toml.
//
//go:embed i18n map
var FS embed.FS
