package main

// arch_test.go keeps the house in shape: it lists every package of the module with
// `go list -json ./...` and checks each package's direct (non-test) imports against the
// import rules of ARCHITECTURE.md, written below as data.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const modulePath = "storeops"

// listedPackage is the part of `go list -json` output the checker reads.
type listedPackage struct {
	ImportPath string
	Name       string
	Imports    []string // direct imports of the non-test files; TestImports are ignored on purpose
}

// forbidden is one kind of import a rule refuses; what is how the message names it.
type forbidden struct {
	what  string
	match func(from, imp string) bool
}

// importRule says which packages (who) must not import what.
type importRule struct {
	who     string
	applies func(p listedPackage) bool
	forbids []forbidden
}

// --- classifying import paths ---------------------------------------------------------------

// under reports whether path is pkg or below it.
func under(path, pkg string) bool {
	return path == pkg || strings.HasPrefix(path, pkg+"/")
}

// isStd reports whether path belongs to the standard library: its first element has no dot
// and it is not part of this module (nor cgo's "C").
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != modulePath && path != "C"
}

const (
	domainPkg = modulePath + "/domain"
	gormdbPkg = domainPkg + "/gormdb"
)

// isGormDB reports whether path is domain/gormdb or below it.
func isGormDB(path string) bool { return under(path, gormdbPkg) }

// isStorageAdapter reports whether path is an area's storage package: a package under
// domain/ whose last element ends in "db" (listing/listingdb), other than gormdb.
func isStorageAdapter(path string) bool {
	if !strings.HasPrefix(path, domainPkg+"/") || isGormDB(path) {
		return false
	}
	return strings.HasSuffix(path[strings.LastIndex(path, "/")+1:], "db")
}

// isDomainArea reports whether path is a domain area (domain/listing, domain/approval, …)
// or a package below one that is not storage.
func isDomainArea(path string) bool {
	return strings.HasPrefix(path, domainPkg+"/") && !isGormDB(path) && !isStorageAdapter(path)
}

// areaOf names the area a package under domain/ belongs to: domain/listing/listingdb → listing.
// A storage package placed flat (domain/listingdb) belongs to "listing" as well.
func areaOf(path string) string {
	rest := strings.TrimPrefix(path, domainPkg+"/")
	area, _, nested := strings.Cut(rest, "/")
	if !nested && isStorageAdapter(path) {
		area = strings.TrimSuffix(area, "db")
	}
	return area
}

func prefixes(ps ...string) func(from, imp string) bool {
	return func(_, imp string) bool {
		for _, p := range ps {
			if under(imp, strings.TrimSuffix(p, "/")) {
				return true
			}
		}
		return false
	}
}

var (
	forbidGorm     = forbidden{"gorm", prefixes("gorm.io/")}
	forbidSlack    = forbidden{"slack-go", prefixes("github.com/slack-go/")}
	forbidRedis    = forbidden{"redis", prefixes("github.com/redis/")}
	forbidCron     = forbidden{"robfig/cron", prefixes("github.com/robfig/")}
	forbidDB       = forbidden{"a *db storage package", func(_, imp string) bool { return isStorageAdapter(imp) }}
	forbidGormDB   = forbidden{"domain/gormdb", func(_, imp string) bool { return isGormDB(imp) }}
	forbidBot      = forbidden{"bot", prefixes(modulePath + "/bot")}
	forbidHandlers = forbidden{"handlers", prefixes(modulePath + "/handlers")}
	forbidJobs     = forbidden{"jobs", prefixes(modulePath + "/jobs")}
	forbidDrivers  = forbidden{"a database driver (only main and domain/gormdb open the database)",
		prefixes("gorm.io/driver/", "github.com/glebarez/sqlite", "github.com/glebarez/go-sqlite",
			"github.com/go-sql-driver/mysql", "modernc.org/sqlite")}
)

// importRules is the table "Who may import whom" of ARCHITECTURE.md.
var importRules = []importRule{
	{
		who:     "the domain kernel",
		applies: func(p listedPackage) bool { return p.ImportPath == domainPkg },
		forbids: []forbidden{{"anything but the standard library", func(_, imp string) bool { return !isStd(imp) }}},
	},
	{
		who:     "domain areas",
		applies: func(p listedPackage) bool { return isDomainArea(p.ImportPath) },
		forbids: []forbidden{forbidGorm, forbidSlack, forbidRedis, forbidCron, forbidDB, forbidGormDB, forbidBot, forbidHandlers, forbidJobs},
	},
	{
		who:     "*db storage packages",
		applies: func(p listedPackage) bool { return isStorageAdapter(p.ImportPath) },
		forbids: []forbidden{
			{"another area's *db package", func(from, imp string) bool {
				return isStorageAdapter(imp) && areaOf(imp) != areaOf(from)
			}},
			forbidBot, forbidHandlers, forbidJobs,
		},
	},
	{
		who:     "bot",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/bot") },
		forbids: []forbidden{forbidHandlers, forbidJobs, forbidDB, forbidGormDB, forbidGorm},
	},
	{
		who:     "handlers",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/handlers") },
		forbids: []forbidden{forbidDB, forbidGormDB, forbidGorm, forbidRedis, forbidJobs},
	},
	{
		// The ingestion API is an edge like bot: it reads HTTP and calls the domain, and
		// it may use the message catalogs (bot/i18n) but not Slack, storage or the jobs.
		who:     "api",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/api") },
		forbids: []forbidden{forbidGorm, forbidSlack, forbidRedis, forbidDB, forbidGormDB, forbidHandlers, forbidJobs},
	},
	{
		// The order file reader turns CSV and XLSX into order inputs: it may use the domain
		// and excelize, nothing of Slack, storage, the edges or the jobs.
		who:     "orderfile",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/orderfile") },
		forbids: []forbidden{forbidGorm, forbidDB, forbidGormDB, forbidSlack, forbidRedis, forbidBot, forbidHandlers, forbidJobs},
	},
	{
		// The store-figures file reader is orderfile's sibling, under the same rule.
		who:     "metricsfile",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/metricsfile") },
		forbids: []forbidden{forbidGorm, forbidDB, forbidGormDB, forbidSlack, forbidRedis, forbidBot, forbidHandlers, forbidJobs},
	},
	{
		// The report workbook writer is orderfile's sibling, under the same rule: its words
		// come from the caller, its chart as bytes.
		who:     "reportfile",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/reportfile") },
		forbids: []forbidden{forbidGorm, forbidDB, forbidGormDB, forbidSlack, forbidRedis, forbidBot, forbidHandlers, forbidJobs},
	},
	{
		// The appraisal workbook writer, under the same rule as reportfile.
		who:     "appraisalfile",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/appraisalfile") },
		forbids: []forbidden{forbidGorm, forbidDB, forbidGormDB, forbidSlack, forbidRedis, forbidBot, forbidHandlers, forbidJobs},
	},
	{
		// The campaign report workbook writer, under the same rule as reportfile.
		who:     "campaignfile",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/campaignfile") },
		forbids: []forbidden{forbidGorm, forbidDB, forbidGormDB, forbidSlack, forbidRedis, forbidBot, forbidHandlers, forbidJobs},
	},
	{
		// The shared XLSX writer of the *file packages knows only excelize: no domain, no
		// storage, no Slack, no edges, no jobs.
		who:     "internal/workbook",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/internal/workbook") },
		forbids: []forbidden{{"anything of the module", prefixes(modulePath + "/")}, forbidGorm, forbidSlack, forbidRedis},
	},
	{
		who:     "jobs",
		applies: func(p listedPackage) bool { return under(p.ImportPath, modulePath+"/jobs") },
		forbids: []forbidden{forbidBot, forbidHandlers, forbidDB, forbidGormDB, forbidGorm, forbidSlack, forbidRedis},
	},
	{
		who: "packages other than main and domain/gormdb",
		applies: func(p listedPackage) bool {
			return p.Name != "main" && !isGormDB(p.ImportPath)
		},
		forbids: []forbidden{forbidDrivers},
	},
}

// checkImports returns one message per broken rule and offending direct import, sorted:
// "storeops/domain/listing imports gorm.io/gorm: domain areas must not import gorm".
func checkImports(pkgs []listedPackage, rules []importRule) []string {
	var out []string
	for _, p := range pkgs {
		for _, r := range rules {
			if !r.applies(p) {
				continue
			}
			for _, imp := range p.Imports {
				for _, f := range r.forbids {
					if f.match(p.ImportPath, imp) {
						out = append(out, p.ImportPath+" imports "+imp+": "+r.who+" must not import "+f.what)
						break // one message per import and rule
					}
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// listModule runs `go list -e -json ./...` in the module root (the test's working directory).
func listModule(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-json", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -json ./...: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestArchImportRules(t *testing.T) {
	pkgs := listModule(t)
	seen := map[string]bool{}
	for _, p := range pkgs {
		seen[p.ImportPath] = true
	}
	// Guard against checking nothing (a wrong working directory, an empty listing).
	for _, must := range []string{modulePath, domainPkg} {
		if !seen[must] {
			t.Fatalf("go list did not list %s; listed %d packages", must, len(pkgs))
		}
	}
	for _, v := range checkImports(pkgs, importRules) {
		t.Error(v)
	}
}

// TestArchChecker proves the checker can fail: a fake module that breaks each rule once,
// next to packages that keep to them.
func TestArchChecker(t *testing.T) {
	pkgs := []listedPackage{
		// Allowed.
		{ImportPath: "storeops", Name: "main", Imports: []string{"gorm.io/gorm", "gorm.io/driver/mysql", "github.com/glebarez/sqlite", "storeops/domain/listing/listingdb", "storeops/bot", "storeops/jobs"}},
		{ImportPath: "storeops/domain", Name: "domain", Imports: []string{"context", "errors", "time"}},
		{ImportPath: "storeops/domain/listing", Name: "listing", Imports: []string{"storeops/domain", "storeops/domain/approval", "storeops/domain/audit"}},
		{ImportPath: "storeops/domain/aftersale", Name: "aftersale", Imports: []string{"storeops/domain", "storeops/domain/order"}},
		{ImportPath: "storeops/domain/listing/listingdb", Name: "listingdb", Imports: []string{"gorm.io/gorm", "storeops/domain", "storeops/domain/listing", "storeops/domain/gormdb"}},
		{ImportPath: "storeops/domain/gormdb", Name: "gormdb", Imports: []string{"gorm.io/gorm", "gorm.io/driver/mysql", "github.com/glebarez/sqlite", "storeops/domain"}},
		{ImportPath: "storeops/bot", Name: "bot", Imports: []string{"github.com/slack-go/slack", "github.com/redis/go-redis/v9", "storeops/domain", "storeops/domain/listing"}},
		{ImportPath: "storeops/handlers", Name: "handlers", Imports: []string{"storeops/bot", "storeops/bot/views", "storeops/domain/listing"}},
		{ImportPath: "storeops/jobs", Name: "jobs", Imports: []string{"github.com/robfig/cron/v3", "storeops/domain/listing"}},
		{ImportPath: "storeops/api", Name: "api", Imports: []string{"net/http", "encoding/json", "storeops/bot/i18n", "storeops/domain", "storeops/domain/order", "storeops/domain/store"}},
		{ImportPath: "storeops/orderfile", Name: "orderfile", Imports: []string{"encoding/csv", "github.com/xuri/excelize/v2", "golang.org/x/text/encoding/simplifiedchinese", "storeops/domain", "storeops/domain/order"}},
		// Broken.
		{ImportPath: "storeops/domain", Name: "domain", Imports: []string{"github.com/google/uuid", "storeops/domain/listing"}},
		{ImportPath: "storeops/domain/listing", Name: "listing", Imports: []string{"gorm.io/gorm", "storeops/domain/listing/listingdb", "storeops/bot"}},
		{ImportPath: "storeops/domain/order/rules", Name: "rules", Imports: []string{"github.com/slack-go/slack", "storeops/domain/gormdb"}},
		{ImportPath: "storeops/domain/order/orderdb", Name: "orderdb", Imports: []string{"storeops/domain/listing/listingdb", "storeops/handlers"}},
		{ImportPath: "storeops/bot/views", Name: "views", Imports: []string{"storeops/handlers", "gorm.io/gorm"}},
		{ImportPath: "storeops/handlers", Name: "handlers", Imports: []string{"github.com/redis/go-redis/v9", "storeops/domain/listing/listingdb"}},
		{ImportPath: "storeops/jobs/digest", Name: "digest", Imports: []string{"github.com/slack-go/slack", "storeops/bot"}},
		{ImportPath: "storeops/bench", Name: "main", Imports: []string{"gorm.io/driver/mysql"}}, // main may
		{ImportPath: "storeops/shellkit", Name: "shellkit", Imports: []string{"github.com/glebarez/sqlite"}},
		{ImportPath: "storeops/orderfile/xls", Name: "xls", Imports: []string{"gorm.io/gorm", "storeops/domain/order/orderdb", "storeops/domain/gormdb",
			"github.com/slack-go/slack", "github.com/redis/go-redis/v9", "storeops/bot", "storeops/handlers", "storeops/jobs"}},
		{ImportPath: "storeops/api/v2", Name: "v2", Imports: []string{"gorm.io/gorm", "storeops/domain/order/orderdb", "storeops/domain/gormdb",
			"github.com/slack-go/slack", "github.com/redis/go-redis/v9", "storeops/handlers", "storeops/jobs"}},
	}
	got := checkImports(pkgs, importRules)
	want := []string{
		"storeops/api/v2 imports github.com/redis/go-redis/v9: api must not import redis",
		"storeops/api/v2 imports github.com/slack-go/slack: api must not import slack-go",
		"storeops/api/v2 imports gorm.io/gorm: api must not import gorm",
		"storeops/api/v2 imports storeops/domain/gormdb: api must not import domain/gormdb",
		"storeops/api/v2 imports storeops/domain/order/orderdb: api must not import a *db storage package",
		"storeops/api/v2 imports storeops/handlers: api must not import handlers",
		"storeops/api/v2 imports storeops/jobs: api must not import jobs",
		"storeops/bot/views imports gorm.io/gorm: bot must not import gorm",
		"storeops/bot/views imports storeops/handlers: bot must not import handlers",
		"storeops/domain imports github.com/google/uuid: the domain kernel must not import anything but the standard library",
		"storeops/domain imports storeops/domain/listing: the domain kernel must not import anything but the standard library",
		"storeops/domain/listing imports gorm.io/gorm: domain areas must not import gorm",
		"storeops/domain/listing imports storeops/bot: domain areas must not import bot",
		"storeops/domain/listing imports storeops/domain/listing/listingdb: domain areas must not import a *db storage package",
		"storeops/domain/order/orderdb imports storeops/domain/listing/listingdb: *db storage packages must not import another area's *db package",
		"storeops/domain/order/orderdb imports storeops/handlers: *db storage packages must not import handlers",
		"storeops/domain/order/rules imports github.com/slack-go/slack: domain areas must not import slack-go",
		"storeops/domain/order/rules imports storeops/domain/gormdb: domain areas must not import domain/gormdb",
		"storeops/handlers imports github.com/redis/go-redis/v9: handlers must not import redis",
		"storeops/handlers imports storeops/domain/listing/listingdb: handlers must not import a *db storage package",
		"storeops/jobs/digest imports github.com/slack-go/slack: jobs must not import slack-go",
		"storeops/jobs/digest imports storeops/bot: jobs must not import bot",
		"storeops/orderfile/xls imports github.com/redis/go-redis/v9: orderfile must not import redis",
		"storeops/orderfile/xls imports github.com/slack-go/slack: orderfile must not import slack-go",
		"storeops/orderfile/xls imports gorm.io/gorm: orderfile must not import gorm",
		"storeops/orderfile/xls imports storeops/bot: orderfile must not import bot",
		"storeops/orderfile/xls imports storeops/domain/gormdb: orderfile must not import domain/gormdb",
		"storeops/orderfile/xls imports storeops/domain/order/orderdb: orderfile must not import a *db storage package",
		"storeops/orderfile/xls imports storeops/handlers: orderfile must not import handlers",
		"storeops/orderfile/xls imports storeops/jobs: orderfile must not import jobs",
		"storeops/shellkit imports github.com/glebarez/sqlite: packages other than main and domain/gormdb must not import a database driver (only main and domain/gormdb open the database)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("checkImports:\n got %d:\n  %s\nwant %d:\n  %s", len(got), strings.Join(got, "\n  "), len(want), strings.Join(want, "\n  "))
	}
}

func TestArchClassify(t *testing.T) {
	tests := []struct {
		path               string
		std, area, storage bool
		areaName           string
	}{
		{"fmt", true, false, false, ""},
		{"net/http", true, false, false, ""},
		{"gorm.io/gorm", false, false, false, ""},
		{"storeops", false, false, false, ""},
		{"storeops/domain", false, false, false, ""},
		{"storeops/domain/listing", false, true, false, "listing"},
		{"storeops/domain/listing/listingdb", false, false, true, "listing"},
		{"storeops/domain/listingdb", false, false, true, "listing"},
		{"storeops/domain/gormdb", false, false, false, "gormdb"},
		{"storeops/domain/gormdb/migrations", false, false, false, "gormdb"},
		{"storeops/domain/approval", false, true, false, "approval"},
		{"storeops/bot", false, false, false, ""},
	}
	for _, tt := range tests {
		if got := isStd(tt.path); got != tt.std {
			t.Errorf("isStd(%q) = %v", tt.path, got)
		}
		if got := isDomainArea(tt.path); got != tt.area {
			t.Errorf("isDomainArea(%q) = %v", tt.path, got)
		}
		if got := isStorageAdapter(tt.path); got != tt.storage {
			t.Errorf("isStorageAdapter(%q) = %v", tt.path, got)
		}
		if strings.HasPrefix(tt.path, domainPkg+"/") {
			if got := areaOf(tt.path); got != tt.areaName {
				t.Errorf("areaOf(%q) = %q, want %q", tt.path, got, tt.areaName)
			}
		}
	}
}
