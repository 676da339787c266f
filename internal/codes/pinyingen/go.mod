module github.com/jiuye/jiuye/internal/codes/pinyingen

go 1.26.8

require github.com/mozillazg/go-pinyin v0.21.0
