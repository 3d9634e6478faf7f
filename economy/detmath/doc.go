// Package detmath gives elementary functions and a normal sampler whose results
// are the same bits on every GOARCH, so that a scenario and a seed give
// byte-identical outputs on amd64 servers, arm64 desktops (Apple silicon) and
// js/wasm browsers.
//
// Package math does not: math.Exp and math.Log (hence math.Pow) are assembly
// on amd64 and pure Go elsewhere, math.Exp is assembly on arm64, and on arm64
// (and amd64 with GOAMD64=v3) the compiler may fuse x*y + z into one FMA
// instruction, which the Go specification allows, also inside package math and
// inside math/rand/v2's NormFloat64.
//
// # Determinism
//
// The code uses only IEEE 754 operations that are correctly rounded on every
// GOARCH (+, -, *, /, math.Sqrt, exact bit manipulation, integer arithmetic),
// and every product whose result feeds an addition or subtraction is wrapped
// in an explicit conversion, float64(a*b) + c (float32 likewise): the
// specification forbids fusing across an explicit conversion. Check:
//
//	GOARCH=arm64 go test -c -o /tmp/dm.test ./economy/detmath
//	go tool objdump -s 'dongshu/economy/detmath' /tmp/dm.test | grep -E 'FMADD|FMSUB|FNMADD|FNMSUB'
//
// prints nothing. TestGolden hashes every function's results on fixed inputs
// and 1M Normal draws and compares them with hashes recorded on linux/amd64;
// it passes under qemu-aarch64 and js/wasm too (see golden_test.go).
//
// # Accuracy
//
// Each function computes its result as a double-double (about 2^-60 relative
// or better) and rounds once, so it is faithfully rounded (error < 1 ulp) on
// its whole domain and nearly correctly rounded. Measured against a
// double-double reference (itself checked against math/big to 2^-78) on over
// 1M inputs per function (see accuracy_test.go), the largest errors are:
// Exp, Log, Log1p 0.5000 ulp; Pow 0.5004 ulp; Sin 0.5013 ulp; Cos 0.5009 ulp;
// Asin 0.5038 ulp.
//
// # Algorithms
//
// Written from the mathematics, not from another library's code; the
// constants and tables (tables.go) are generated from math/big by
// TestTables, and the polynomial coefficients are Taylor coefficients written
// as exact fractions.
//
//   - Exp: Tang's table method (ACM TOMS 15(2), 1989), 64 entries, with a
//     Cody and Waite reduction (Software Manual for the Elementary Functions,
//     1980) and a degree-7 Taylor polynomial. A cheaper evaluation without
//     the two smallest terms comes first: Ziv's rounding test (as in
//     CORE-MATH) keeps its result when the full evaluation, within a proven
//     2^-59 of it, would round to the same double (98% of inputs), so Exp
//     returns the same bits either way (fast_test.go).
//   - Log: a 128-entry table of ln(1+j/128) and Mercator's series for
//     ln(1+u), |u| <= 2^-8, as a double-double (also the core of Pow).
//   - Log1p: 1+x as an exact double-double, then the same core; for
//     |x| >= 1/8 first without the terms below 2^-60, kept when Ziv's test
//     proves the full evaluation rounds alike (99% of inputs).
//   - Pow: e^(y ln|x|) with ln|x| and the product as double-doubles.
//   - Sin, Cos: Payne and Hanek's reduction (1983) with 1216 bits of 2/pi,
//     then Taylor series on [-pi/4, pi/4].
//   - Asin: Taylor series on [0, 1/2], asin x = pi/2 - 2 asin(sqrt((1-x)/2))
//     above.
//   - Normal: the ziggurat of Marsaglia and Tsang (2000) with math/rand/v2's
//     128 layers, its tables built from the paper's construction with this
//     package's Exp and Log.
//
// Special cases (NaN, ±Inf, ±0, overflow, underflow, subnormals, Pow's
// negative bases) are those of package math.
//
// The price is speed: without FMA the double-double products are dearer, and
// the functions take from about as long as package math's (Pow, Normal) to a
// few times as long (Sin, Asin); see the benchmarks in bench_test.go.
package detmath
