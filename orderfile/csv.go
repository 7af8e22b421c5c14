package orderfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"storeops/domain"
)

// MaxCSVBytes is the largest CSV file read (a 50,000-row export is well under it).
const MaxCSVBytes = 64 << 20

// readCSV reads a CSV export: UTF-8 with or without a byte order mark, UTF-16 with one (what
// Excel's "Unicode text" writes), or GB18030 (GBK and GB2312 included: what Excel and the
// platforms' back offices write in China) when the bytes are not UTF-8. The separator is
// what the first line uses most of: comma, tab or semicolon.
func readCSV(r io.Reader, tz *time.Location) ([]Row, error) {
	next, err := csvRows(r)
	if err != nil {
		return nil, err
	}
	return read(next, tz, false)
}

// csvRows decodes a CSV file (see readCSV) and yields its records.
func csvRows(r io.Reader) (rowSource, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxCSVBytes+1))
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatCSV, err.Error())
	}
	if len(raw) > MaxCSVBytes {
		return nil, domain.Errorf(domain.EINVALID, "import.file.too_large", MaxCSVBytes>>20)
	}
	text, err := decodeText(raw)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatCSV, err.Error())
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sniffComma(text)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	number := 0
	next := func() (int, []string, bool, error) {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return 0, nil, false, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return 0, nil, false, domain.Errorf(domain.EINVALID, "import.csv.invalid", pe.StartLine, pe.Err.Error())
			}
			return 0, nil, false, domain.Errorf(domain.EINVALID, "import.file.unreadable", FormatCSV, err.Error())
		}
		// A record's row is the line it starts on; a quoted value may span lines.
		line, _ := cr.FieldPos(0)
		number = max(line, number+1)
		return number, rec, true, nil
	}
	return next, nil
}

// decodeText returns the file as UTF-8 without a byte order mark.
func decodeText(raw []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return raw[3:], nil
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
	case utf8.Valid(raw):
		return raw, nil
	}
	return simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
}

// sniffComma picks the separator the first line uses most (outside quotes).
func sniffComma(text []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(firstLine(text)) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == '\t' || r == ';'):
			counts[r]++
		}
	}
	best := ','
	for _, c := range []rune{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func firstLine(text []byte) []byte {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		return text[:i]
	}
	return text
}
