package report

import (
	"bytes"
	"html/template"
)

// chartDoc is one chart on the page.
type chartDoc struct {
	File, Title, Explain string
	Note                 string // shown above the chart (the time series' rounding, on the first of them)
}

// tableRow is one headline outcome in the table: one cell per column (a run's value, or a design
// point's mean ± sd).
type tableRow struct {
	Name, Label, Unit, Explain string
	Cells                      []string
}

type page struct {
	Lang                  string
	Title, Subtitle, Meta string
	Charts                []chartDoc
	Columns               []string // value column headers
	Rows                  []tableRow
	TableNote             string
	Text                  map[string]string // the page's fixed texts in its language
}

var pageTmpl = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Text.title}}</title>
<style>
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 20px; line-height: 1.4;
       color: #111; background: #fff; margin: 0 auto; padding: 1em 2em; max-width: 1300px; }
h1 { font-size: 2em; margin: 0.2em 0; }
h2 { font-size: 1.4em; margin: 1.4em 0 0.3em; border-bottom: 3px solid #0072B2; }
p.sub { font-size: 1.2em; margin: 0.2em 0; }
p.meta { color: #555; font-size: 0.85em; }
figure { margin: 0.5em 0 1.5em; }
figure img { width: 100%; max-width: 1200px; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 1em; margin-top: 0.3em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.35em 0.6em; vertical-align: top; }
th { background: #e8f1f8; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.unit { white-space: nowrap; color: #333; }
span.explain { display: block; font-size: 0.8em; color: #444; }
code { font-size: 0.85em; color: #555; }
p.note { border-left: 6px solid #555; padding: 0.2em 0.6em; background: #f2f2f2; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
{{if .Meta}}<p class="meta">{{.Meta}}</p>{{end}}
{{range .Charts}}
<h2>{{.Title}}</h2>
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}
<figure>
<img src="{{.File}}" alt="{{.Title}}">
<figcaption>{{.Explain}}</figcaption>
</figure>
{{end}}
<h2>{{.Text.headline}}</h2>
{{if .TableNote}}<p>{{.TableNote}}</p>{{end}}
<div class="scroll">
<table id="headline">
<thead><tr><th>{{.Text.outcome}}</th><th>{{.Text.unit}}</th>{{range .Columns}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Label}} <code>{{.Name}}</code>{{if .Explain}}<span class="explain">{{.Explain}}</span>{{end}}</td><td class="unit">{{.Unit}}</td>{{range .Cells}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
<p class="meta">{{.Text.footer}}</p>
</body>
</html>
`))

func renderPage(l *lang, p page) ([]byte, error) {
	p.Lang = l.Lang()
	p.Text = map[string]string{"title": l.T("report.page.title", p.Title)}
	for _, k := range []string{"headline", "outcome", "unit", "footer"} {
		p.Text[k] = l.T("report.page." + k)
	}
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
