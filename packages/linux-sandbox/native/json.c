/* Minimal recursive-descent JSON parser (RFC 8259 subset sufficient for policies:
 * objects, arrays, strings with escapes incl. \uXXXX and surrogate pairs, numbers,
 * true/false/null). Strict: trailing garbage and NUL bytes in strings are errors. */
#include "json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser { const char *p; char *err; size_t errlen; int depth; };

static void *xcalloc(size_t n, size_t sz) {
  void *m = calloc(n ? n : 1, sz);
  if (!m) { fputs("codex-linux-sandbox: out of memory\n", stderr); exit(123); }
  return m;
}

static int fail(struct parser *ps, const char *what) {
  snprintf(ps->err, ps->errlen, "%s at offset %ld", what, (long)0);
  return -1;
}

static void ws(struct parser *ps) {
  while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r') ps->p++;
}

static int hex4(const char *s, unsigned *out) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
    else return -1;
  }
  *out = v;
  return 0;
}

static size_t put_utf8(char *o, unsigned cp) {
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F)); return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static int parse_string(struct parser *ps, char **out) {
  const char *s = ps->p + 1; /* after the quote */
  /* The decoded string is never longer than the encoded one. */
  const char *end = s;
  while (*end && *end != '"') { if (*end == '\\' && end[1]) end++; end++; }
  if (*end != '"') return fail(ps, "unterminated string");
  char *buf = xcalloc((size_t)(end - s) + 1, 1), *o = buf;
  while (s < end) {
    unsigned char c = (unsigned char)*s;
    if (c < 0x20) return fail(ps, "control character in string");
    if (c != '\\') { *o++ = (char)c; s++; continue; }
    s++;
    switch (*s) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case '/': *o++ = '/'; break;
      case 'b': *o++ = '\b'; break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        unsigned cp, lo;
        if (hex4(s + 1, &cp)) return fail(ps, "bad \\u escape");
        s += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (s[1] != '\\' || s[2] != 'u' || hex4(s + 3, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return fail(ps, "unpaired surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          s += 6;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return fail(ps, "unpaired surrogate");
        }
        if (cp == 0) return fail(ps, "NUL in string");
        o += put_utf8(o, cp);
        break;
      }
      default: return fail(ps, "bad escape");
    }
    s++;
  }
  *o = 0;
  *out = buf;
  ps->p = end + 1;
  return 0;
}

static struct jv *parse_value(struct parser *ps);

static struct jv *parse_container(struct parser *ps, int is_obj) {
  struct jv *v = xcalloc(1, sizeof *v);
  v->type = is_obj ? J_OBJ : J_ARR;
  size_t cap = 8;
  v->items = xcalloc(cap, sizeof *v->items);
  if (is_obj) v->keys = xcalloc(cap, sizeof *v->keys);
  ps->p++;
  ws(ps);
  if (*ps->p == (is_obj ? '}' : ']')) { ps->p++; return v; }
  for (;;) {
    if (v->n == cap) {
      cap *= 2;
      v->items = realloc(v->items, cap * sizeof *v->items);
      if (is_obj) v->keys = realloc(v->keys, cap * sizeof *v->keys);
      if (!v->items || (is_obj && !v->keys)) { fail(ps, "out of memory"); return NULL; }
    }
    ws(ps);
    if (is_obj) {
      if (*ps->p != '"') { fail(ps, "expected a string key"); return NULL; }
      if (parse_string(ps, &v->keys[v->n])) return NULL;
      ws(ps);
      if (*ps->p != ':') { fail(ps, "expected ':'"); return NULL; }
      ps->p++;
    }
    struct jv *item = parse_value(ps);
    if (!item) return NULL;
    v->items[v->n++] = item;
    ws(ps);
    if (*ps->p == ',') { ps->p++; continue; }
    if (*ps->p == (is_obj ? '}' : ']')) { ps->p++; return v; }
    fail(ps, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
    return NULL;
  }
}

static struct jv *parse_value(struct parser *ps) {
  if (++ps->depth > 64) { fail(ps, "nesting too deep"); return NULL; }
  ws(ps);
  struct jv *v = NULL;
  char c = *ps->p;
  if (c == '{' || c == '[') {
    v = parse_container(ps, c == '{');
  } else if (c == '"') {
    v = xcalloc(1, sizeof *v);
    v->type = J_STR;
    if (parse_string(ps, &v->str)) v = NULL;
  } else if (!strncmp(ps->p, "true", 4) || !strncmp(ps->p, "false", 5)) {
    v = xcalloc(1, sizeof *v);
    v->type = J_BOOL;
    v->b = c == 't';
    ps->p += v->b ? 4 : 5;
  } else if (!strncmp(ps->p, "null", 4)) {
    v = xcalloc(1, sizeof *v);
    ps->p += 4;
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    /* RFC 8259 grammar only: strtod alone would take nan, inf, hex and "1." too. */
    const char *q = ps->p + (c == '-');
    if (*q == '0') q++;
    else if (*q >= '1' && *q <= '9') while (*q >= '0' && *q <= '9') q++;
    else { fail(ps, "bad number"); ps->depth--; return NULL; }
    if (*q == '.') {
      q++;
      if (!(*q >= '0' && *q <= '9')) { fail(ps, "bad number"); ps->depth--; return NULL; }
      while (*q >= '0' && *q <= '9') q++;
    }
    if (*q == 'e' || *q == 'E') {
      q++;
      if (*q == '+' || *q == '-') q++;
      if (!(*q >= '0' && *q <= '9')) { fail(ps, "bad number"); ps->depth--; return NULL; }
      while (*q >= '0' && *q <= '9') q++;
    }
    char *end;
    v = xcalloc(1, sizeof *v);
    v->type = J_NUM;
    v->num = strtod(ps->p, &end);
    ps->p = end == q ? end : q;
  } else {
    fail(ps, "unexpected character");
  }
  ps->depth--;
  return v;
}

struct jv *json_parse(const char *text, char *err, size_t errlen) {
  struct parser ps = { text, err, errlen, 0 };
  err[0] = 0;
  struct jv *v = parse_value(&ps);
  if (v) {
    ws(&ps);
    if (*ps.p) { fail(&ps, "trailing characters"); v = NULL; }
  }
  if (!v && err[0]) {
    /* Re-render with the real offset now that the failure point is known. */
    char what[160];
    snprintf(what, sizeof what, "%s", err);
    char *at = strstr(what, " at offset");
    if (at) *at = 0;
    snprintf(err, errlen, "%s at offset %ld", what, (long)(ps.p - text));
  }
  return v;
}

const struct jv *json_get(const struct jv *o, const char *key) {
  if (!o || o->type != J_OBJ) return NULL;
  for (size_t i = 0; i < o->n; i++)
    if (!strcmp(o->keys[i], key)) return o->items[i];
  return NULL;
}
