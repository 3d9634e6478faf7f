package configs

import "embed"

// TargetFiles holds configs/targets/*.toml, the observed values the model is compared with (the
// calibration's targets): the report marks them on its charts from here, so the numbers live in one place.
//
//go:embed targets/*.toml
var TargetFiles embed.FS
