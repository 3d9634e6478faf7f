// Package detmath gives elementary functions and a normal sampler whose results
// are the same bits on every GOARCH.
package detmath
