package tomlfile

import (
	"bytes"
	"fmt"
)

// The decoder keeps no position for what is inside an array: these find
// the elements of an inline array and the keys of an inline table by
// walking the file's bytes from the position of the array, skipping values
// whole (strings through LiteralAt).

// ArrayItem returns the offset of element index (0-based) of the inline
// array whose "[" is at offset.
func ArrayItem(src []byte, offset, index int) (int, error) {
	if offset >= len(src) || src[offset] != '[' {
		return 0, fmt.Errorf("no array at byte %d", offset)
	}
	i := offset + 1
	for n := 0; ; n++ {
		i = skipBlank(src, i, true)
		if i >= len(src) || src[i] == ']' {
			return 0, fmt.Errorf("the array at byte %d has no element %d", offset, index+1)
		}
		if n == index {
			return i, nil
		}
		var err error
		if i, err = skipValue(src, i); err != nil {
			return 0, err
		}
		i = skipBlank(src, i, true)
		if i < len(src) && src[i] == ',' {
			i++
		}
	}
}

// InlineKey finds key in the inline table whose "{" is at offset: the
// offset of the key, or -1 when it is not there, and the offset of the
// table's "}".
func InlineKey(src []byte, offset int, key string) (at, closing int, err error) {
	if offset >= len(src) || src[offset] != '{' {
		return 0, 0, fmt.Errorf("no inline table at byte %d", offset)
	}
	at = -1
	i := offset + 1
	for {
		i = skipBlank(src, i, false)
		if i >= len(src) {
			return 0, 0, fmt.Errorf("the inline table at byte %d is not closed", offset)
		}
		if src[i] == '}' {
			return at, i, nil
		}
		start := i
		for i < len(src) && (isBareKeyChar(src[i]) || src[i] == '.') {
			i++
		}
		if string(src[start:i]) == key {
			at = start
		}
		i = skipBlank(src, i, false)
		if i >= len(src) || src[i] != '=' {
			return 0, 0, fmt.Errorf("cannot read the inline table at byte %d", offset)
		}
		if i, err = skipValue(src, skipBlank(src, i+1, false)); err != nil {
			return 0, 0, err
		}
		i = skipBlank(src, i, false)
		if i < len(src) && src[i] == ',' {
			i++
		}
	}
}

// ValueOf returns the offset of the value of the key at offset.
func ValueOf(src []byte, keyAt int) int {
	i := keyAt
	for i < len(src) && (isBareKeyChar(src[i]) || src[i] == '.') {
		i++
	}
	i = skipBlank(src, i, false)
	if i < len(src) && src[i] == '=' {
		i++
	}
	return skipBlank(src, i, false)
}

// skipBlank skips spaces, and newlines and comments where the value allows
// them (arrays).
func skipBlank(src []byte, i int, newlines bool) int {
	for i < len(src) {
		switch {
		case src[i] == ' ' || src[i] == '\t':
			i++
		case newlines && (src[i] == '\n' || src[i] == '\r'):
			i++
		case newlines && src[i] == '#':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return len(src)
			}
			i += j
		default:
			return i
		}
	}
	return i
}

// skipValue returns the offset just after the value at i.
func skipValue(src []byte, i int) (int, error) {
	if i >= len(src) {
		return i, fmt.Errorf("a value is missing at the end")
	}
	switch src[i] {
	case '"', '\'':
		l, err := LiteralAt(src, i+1)
		if len(src) >= i+3 && (string(src[i:i+3]) == `"""` || string(src[i:i+3]) == `'''`) {
			l, err = LiteralAt(src, i+3)
		}
		return l.End, err
	case '[', '{':
		closing := map[byte]byte{'[': ']', '{': '}'}[src[i]]
		j := i + 1
		for {
			j = skipBlank(src, j, true)
			if j >= len(src) {
				return j, fmt.Errorf("the value at byte %d is not closed", i)
			}
			switch src[j] {
			case closing:
				return j + 1, nil
			case ',', '=':
				j++
				continue
			}
			if src[i] == '{' && (isBareKeyChar(src[j]) || src[j] == '.') {
				for j < len(src) && (isBareKeyChar(src[j]) || src[j] == '.') {
					j++
				}
				continue
			}
			var err error
			if j, err = skipValue(src, j); err != nil {
				return j, err
			}
		}
	}
	j := i
	for j < len(src) && !bytes.ContainsRune([]byte(",]}\n\r#"), rune(src[j])) {
		j++
	}
	return j, nil
}
