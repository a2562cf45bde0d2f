/* Text for an 80-column terminal: wrapping by UTF-8 characters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { WIDTH = 80 };

/* Columns the UTF-8 text takes (one per character). */
size_t columns(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/*
 * Prints text word by word from column `col` (where the cursor is), wrapping
 * before WIDTH onto lines indented by `indent`, and ends the line.
 */
void print_wrapped(const char *text, size_t col, size_t indent)
{
    bool line_empty = true;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " \n"), w = columns(p, len);
        if (!line_empty && col + 1 + w > WIDTH) {
            printf("\n%*s", (int)indent, "");
            col = indent;
            line_empty = true;
        }
        if (!line_empty) {
            putchar(' ');
            col++;
        }
        printf("%.*s", (int)len, p);
        col += w;
        line_empty = false;
        p += len;
    }
    putchar('\n');
}

/* Prints "<indent><label>  <text>" with the text in a column after labels of `label_width`. */
void print_labelled(size_t indent, const char *label, size_t label_width, const char *text)
{
    size_t w = columns(label, strlen(label)), col = indent + label_width + 2;
    printf("%*s%s", (int)indent, "", label);
    if (col > WIDTH / 2) { /* long ids: the text goes below */
        col = indent + 4;
        printf("\n%*s", (int)col, "");
    } else {
        printf("%*s", (int)(label_width - w + 2), "");
    }
    print_wrapped(text, col, col);
}

/* Prints "label: a, b, c" wrapped to 80 columns, continuation lines indented under the first item. */
void print_list_wrapped(int indent, const char *label, const char *const *items, size_t count)
{
    int column = printf("%*s%s: ", indent, "", label);
    int start = column;
    for (size_t i = 0; i < count; i++) {
        int len = (int)strlen(items[i]) + (i + 1 < count ? 1 : 0);
        if (i > 0 && column + 1 + len > 80) {
            printf("\n%*s", start, "");
            column = start;
        } else if (i > 0) {
            column += printf(" ");
        }
        column += printf("%s%s", items[i], i + 1 < count ? "," : "");
    }
    printf("\n");
}
