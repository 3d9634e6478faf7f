package configs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Set applies one --set override "key=value". The key is dotted as in the TOML file, with elements of
// arrays of tables named by id or by index: "planner.enforcement=1", "province.guangxi.compliance=0.2",
// "demand.class.cold.growth=0.3", "network.ixp[2].month=2019-01". The value is parsed by the field's
// type: a number, an integer, true/false, a string (quotes optional), or a comma-separated list for list
// fields ("network.historic_hubs=beijing,shanghai", "behaviour.build_options_mw=0,100,400"; an empty
// value is an empty list). Set does not validate: call Validate after the last Set.
func (s *Scenario) Set(assign string) error {
	key, val, ok := strings.Cut(assign, "=")
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	if !ok || key == "" {
		return fmt.Errorf("configs: --set %q: want key=value", assign)
	}
	v, f, p, err := s.resolve(key)
	if err != nil {
		return fmt.Errorf("configs: --set %s: %w", key, err)
	}
	if err := setValue(v, f, val); err != nil {
		return fmt.Errorf("configs: --set %s: bad value %q: want %s", key, clip(val), wantSet(f))
	}
	o := originOf(s)
	if o == nil {
		o = &origin{}
		attach(s, o)
	}
	if o.set == nil {
		o.set = map[string]bool{}
	}
	o.set[p] = true
	return nil
}

// resolve finds the value a dotted key names; it returns the value, its field and its index path.
func (s *Scenario) resolve(key string) (reflect.Value, *field, string, error) {
	none := reflect.Value{}
	segs, err := splitPath(key)
	if err != nil {
		return none, nil, "", err
	}
	n := root()
	v := reflect.ValueOf(s).Elem()
	p, shown := "", "" // index path; key as the user wrote it so far
	for i := 0; i < len(segs); i++ {
		sg := segs[i]
		f := n.byName[sg.key]
		if f == nil {
			return none, nil, "", fmt.Errorf("unknown key %q%s", joinKey(shown, sg.key), didYouMean(sg.key, n.keys()))
		}
		fv := v.Field(f.index)
		p, shown = joinKey(p, f.key), joinKey(shown, f.key)
		switch f.kind {
		case kTable:
			if sg.idx >= 0 {
				return none, nil, "", fmt.Errorf("%q is a table, not an array", shown)
			}
			v, n = fv, f.sub
		case kArray:
			idx := sg.idx
			if idx < 0 {
				if f.sub.id == nil {
					return none, nil, "", fmt.Errorf("name an element of %q by index, e.g. %s[0]", shown, shown)
				}
				if i+1 >= len(segs) {
					return none, nil, "", fmt.Errorf("name an element of %q by id or index, e.g. %s.<id>.%s", shown, shown, f.sub.fields[len(f.sub.fields)-1].key)
				}
				i++
				id := segs[i]
				if id.idx >= 0 {
					return none, nil, "", fmt.Errorf("bad element %q in %q", id.key+fmt.Sprintf("[%d]", id.idx), key)
				}
				var ids []string
				idx = -1
				for j := range fv.Len() {
					x := fv.Index(j).Field(f.sub.id.index).String()
					ids = append(ids, x)
					if x == id.key {
						if idx >= 0 {
							return none, nil, "", fmt.Errorf("id %q names several elements of %q; use an index", id.key, shown)
						}
						idx = j
					}
				}
				if idx < 0 {
					return none, nil, "", fmt.Errorf("unknown %s %q%s", f.key, id.key, didYouMean(id.key, ids))
				}
				shown = joinKey(shown, id.key)
			} else {
				if idx >= fv.Len() {
					return none, nil, "", fmt.Errorf("index %d out of range: %q has %d elements", idx, shown, fv.Len())
				}
				shown = joinIndex(shown, idx)
			}
			v, n, p = fv.Index(idx), f.sub, joinIndex(p, idx)
		default:
			if sg.idx >= 0 || i != len(segs)-1 {
				return none, nil, "", fmt.Errorf("%q is a value, not a table", shown)
			}
			return fv, f, p, nil
		}
	}
	return none, nil, "", fmt.Errorf("%q is a table, not a value: name one of its keys", shown)
}

// KeyPath returns the value a dotted key names as an index path ("province[3].compliance" for
// "province.guangxi.compliance"), so that two spellings of one key compare equal.
func (s *Scenario) KeyPath(key string) (string, error) {
	_, _, p, err := s.resolve(strings.TrimSpace(key))
	return p, err
}

// setValue parses val according to the field's type and stores it.
func setValue(v reflect.Value, f *field, val string) error {
	switch f.kind {
	case kString:
		v.SetString(unquote(val))
	case kBool:
		b, err := strconv.ParseBool(val)
		if err != nil {
			return err
		}
		v.SetBool(b)
	case kFloat:
		x, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return err
		}
		v.SetFloat(x)
	case kInt:
		x, err := strconv.ParseInt(val, 10, strconv.IntSize)
		if err != nil {
			return err
		}
		v.SetInt(x)
	case kUint:
		x, err := strconv.ParseUint(val, 10, 64)
		if err != nil {
			return err
		}
		v.SetUint(x)
	case kStrings, kFloats:
		items := splitList(val)
		out := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, it := range items {
			if f.kind == kStrings {
				out.Index(i).SetString(unquote(it))
				continue
			}
			x, err := strconv.ParseFloat(it, 64)
			if err != nil {
				return err
			}
			out.Index(i).SetFloat(x)
		}
		v.Set(out)
	default:
		return fmt.Errorf("not a value")
	}
	return nil
}

// wantSet names what Set accepts for a field.
func wantSet(f *field) string {
	switch f.kind {
	case kStrings:
		return "a comma-separated list of strings"
	case kFloats:
		return "a comma-separated list of numbers"
	case kBool:
		return "true or false"
	}
	return want(f)
}

// splitList splits a comma-separated list, allowing TOML-style brackets around it.
func splitList(val string) []string {
	val = strings.TrimSpace(val)
	if strings.HasPrefix(val, "[") && strings.HasSuffix(val, "]") {
		val = strings.TrimSpace(val[1 : len(val)-1])
	}
	if val == "" {
		return []string{}
	}
	items := strings.Split(val, ",")
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	return items
}

// unquote strips one pair of matching quotes.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		if s[0] == '"' {
			if u, err := strconv.Unquote(s); err == nil {
				return u
			}
		}
		return s[1 : len(s)-1]
	}
	return s
}

// Clone returns a deep copy, so that a run cannot alter a preset or another run's scenario. The copy
// keeps the source information (file and lines) used in problem messages.
func (s *Scenario) Clone() *Scenario {
	c := new(Scenario)
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(s).Elem())
	if o := originOf(s); o != nil {
		attach(c, o.copy())
	}
	return c
}

// Hash returns the hex SHA-256 of a canonical TOML encoding of the scenario: equal scenarios have equal
// hashes (nil and empty lists, and -0 and 0, encode alike).
func (s *Scenario) Hash() string {
	c := new(Scenario)
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(s).Elem())
	canonical(reflect.ValueOf(c).Elem())
	h := sha256.New()
	if err := toml.NewEncoder(h).Encode(c); err != nil {
		fmt.Fprintf(h, "\nencode error: %v", err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// canonical replaces nil slices by empty ones and negative zeros by zeros.
func canonical(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			canonical(v.Field(i))
		}
	case reflect.Slice:
		if v.IsNil() {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		for i := range v.Len() {
			canonical(v.Index(i))
		}
	case reflect.Float64:
		if v.Float() == 0 {
			v.SetFloat(0)
		}
	}
}

// Param describes one settable key for the params listing.
type Param struct {
	// Key is the dotted key; elements of arrays of tables appear as "province.<id>.compliance" (by id)
	// or "network.ixp[<i>].month" (by index).
	Key string
	// Unit is the field's unit ("1" for a pure number or share, "text", "YYYY-MM"...).
	Unit string
	// Range is the valid interval "[min,max]" (an empty bound is unbounded), the set of allowed values
	// "{a,b}" for an enumeration, or "".
	Range string
	// Default is the baseline's value (lists comma-separated, as --set takes them); for array elements,
	// the common value, "min..max" over the elements, or "varies".
	Default string
}

// Params lists every value key of the schema with its unit, range and baseline default, in schema
// order.
func Params() []Param {
	base, err := preset("baseline")
	if err != nil {
		base = new(Scenario)
	}
	var out []Param
	params(reflect.ValueOf(base).Elem(), root(), "", &out)
	return out
}

func params(v reflect.Value, n *node, prefix string, out *[]Param) {
	for _, f := range n.fields {
		key := joinKey(prefix, f.key)
		fv := v.Field(f.index)
		switch f.kind {
		case kTable:
			params(fv, f.sub, key, out)
		case kArray:
			elem := key + "[<i>]"
			if f.sub.id != nil {
				elem = key + ".<id>"
			}
			for _, g := range f.sub.fields {
				if !g.isLeaf() {
					continue // the schema has no tables inside arrays of tables
				}
				*out = append(*out, Param{Key: elem + "." + g.key, Unit: g.unit, Range: rangeOf(g),
					Default: summary(fv, g)})
			}
		default:
			*out = append(*out, Param{Key: key, Unit: f.unit, Range: rangeOf(f), Default: format(fv)})
		}
	}
}

// rangeOf formats the valid values of a field.
func rangeOf(f *field) string {
	if f.enum != nil {
		return "{" + strings.Join(f.enum, ",") + "}"
	}
	return f.rng
}

// format writes a value as Set reads it.
func format(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return v.String()
	case reflect.Slice:
		items := make([]string, v.Len())
		for i := range items {
			items[i] = format(v.Index(i))
		}
		return strings.Join(items, ",")
	}
	return ""
}

// summary describes field g over the elements of slice v.
func summary(v reflect.Value, g *field) string {
	if v.Len() == 0 {
		return ""
	}
	first := format(v.Index(0).Field(g.index))
	same := true
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range v.Len() {
		x := v.Index(i).Field(g.index)
		if format(x) != first {
			same = false
		}
		switch g.kind {
		case kFloat:
			lo, hi = min(lo, x.Float()), max(hi, x.Float())
		case kInt:
			lo, hi = min(lo, float64(x.Int())), max(hi, float64(x.Int()))
		}
	}
	switch {
	case same:
		return first
	case g.kind == kFloat || g.kind == kInt:
		return strconv.FormatFloat(lo, 'g', -1, 64) + ".." + strconv.FormatFloat(hi, 'g', -1, 64)
	}
	return "varies"
}
