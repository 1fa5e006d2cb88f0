/* Minimal JSON reader for the helper's --policy and --limits arguments.
 * Parses one value into a heap tree; the helper exits soon after, so nothing is freed. */
#ifndef CODEX_SANDBOX_JSON_H
#define CODEX_SANDBOX_JSON_H
#include <stddef.h>

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
  enum jtype type;
  int b;
  double num;
  char *str;          /* J_STR: UTF-8, NUL-terminated (embedded NULs are rejected) */
  size_t n;           /* J_ARR / J_OBJ: number of items */
  struct jv **items;  /* J_ARR / J_OBJ: values */
  char **keys;        /* J_OBJ: keys, parallel to items */
};

/* Parses text; on failure returns NULL and writes a message into err. */
struct jv *json_parse(const char *text, char *err, size_t errlen);
/* Member of an object, or NULL when absent (or when o is not an object). */
const struct jv *json_get(const struct jv *o, const char *key);

#endif
