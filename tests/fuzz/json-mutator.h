/* json-mutator.h: structure-aware mutations of JSON documents for the fuzz harnesses */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A byte-level mutator like libFuzzer's LLVMFuzzerMutate: changes the
 * @size bytes at @data in place, returns the new size (at most @max_size). */
typedef gsize (*FuzzBytesMutator) (guint8 *data,
                                   gsize   size,
                                   gsize   max_size);

/* Parses @data as JSON and, when it parses, applies one to a few changes to
 * its tree (a value of another type, a member dropped, duplicated or
 * renamed, a value nested or unwrapped, extreme numbers and strings, a
 * subtree copied from elsewhere), then writes it back to @data. The same
 * @seed gives the same result. @bytes_mutate (may be NULL) is used for the
 * bytes inside a string. Returns the new size, or 0 when @data is not a JSON
 * document or the result would not fit in @max_size (@data is then left as
 * it was). */
gsize fuzz_json_mutate     (guint8           *data,
                            gsize             size,
                            gsize             max_size,
                            guint             seed,
                            FuzzBytesMutator  bytes_mutate);

/* Puts a subtree of the second document into the first (in place of one of
 * its values, or as a member of one of its objects) and writes the result to
 * @out. Returns its size, or 0 when either is not JSON or it does not fit. */
gsize fuzz_json_cross_over (const guint8     *data1,
                            gsize             size1,
                            const guint8     *data2,
                            gsize             size2,
                            guint8           *out,
                            gsize             max_out_size,
                            guint             seed);

G_END_DECLS
