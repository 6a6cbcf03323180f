/*
** rekey.h: walking a sealed column to seal its values again, for a key
** rotation (core/gate.c, gate_rekey).  Tables and columns are named by
** the sealed-column table (core/sealed.c), never by anything from outside.
*/
#ifndef SANCTUM_STORE_REKEY_H
#define SANCTUM_STORE_REKEY_H

#include <stddef.h>
#include <stdint.h>

struct db;

int rekey_rows(struct db *db, const char *table, const char *column,
    int64_t after, int limit,
    int (*each)(void *arg, int64_t row, const void *v, size_t n,
    uint8_t **out, size_t *outn), void *arg, int64_t *last);

#endif
