package audit

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestChangesListOnlyWhatMoved(t *testing.T) {
	e := Entry{
		Before: json.RawMessage(`{"status":"live","price":"100.00","stock":5,"title":"Mug"}`),
		After:  json.RawMessage(`{"status":"live","price":"150.00","stock":5,"keywords":"mug"}`),
	}
	want := []Change{
		{Field: "keywords", Before: "", After: "mug"},
		{Field: "price", Before: "100.00", After: "150.00"},
		{Field: "title", Before: "Mug", After: ""},
	}
	if got := e.Changes(); !reflect.DeepEqual(got, want) {
		t.Errorf("Changes = %+v\nwant %+v", got, want)
	}
	if got := (Entry{After: json.RawMessage(`{"role":"hr"}`)}).Changes(); len(got) != 1 || got[0].After != "hr" {
		t.Errorf("creation: %+v", got)
	}
}
