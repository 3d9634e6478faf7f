package configs

import (
	"fmt"
)

// Month is a calendar month counted from January of year 0: year*12 + month-1. Every date in the model
// is a Month, so month arithmetic is integer arithmetic (m+1 is the next month).
type Month int

// NewMonth returns the Month of the given year and month of year (1..12).
func NewMonth(year, month int) Month {
	return Month(year*12 + month - 1)
}

// ParseMonth parses "YYYY-MM" (four-digit year, two-digit month 01..12).
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, fmt.Errorf("bad month %q: want YYYY-MM", s)
	}
	year, month := 0, 0
	for i, c := range []byte(s) {
		if i == 4 {
			continue
		}
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("bad month %q: want YYYY-MM", s)
		}
		if i < 4 {
			year = year*10 + int(c-'0')
		} else {
			month = month*10 + int(c-'0')
		}
	}
	if month < 1 || month > 12 {
		return 0, fmt.Errorf("bad month %q: month must be 01..12", s)
	}
	return NewMonth(year, month), nil
}

// Year returns the calendar year.
func (m Month) Year() int {
	y := int(m) / 12
	if m < 0 && int(m)%12 != 0 {
		y--
	}
	return y
}

// MonthOfYear returns the month of the year, 1..12.
func (m Month) MonthOfYear() int {
	return int(m) - m.Year()*12 + 1
}

// String formats the month as "YYYY-MM".
func (m Month) String() string {
	return fmt.Sprintf("%04d-%02d", m.Year(), m.MonthOfYear())
}
