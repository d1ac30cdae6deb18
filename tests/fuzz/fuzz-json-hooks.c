/* fuzz-json-hooks.c: libFuzzer's custom mutator and cross-over for the JSON kinds */

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "json-mutator.h"

size_t LLVMFuzzerMutate          (uint8_t       *data,
                                  size_t         size,
                                  size_t         max_size);
size_t LLVMFuzzerCustomMutator   (uint8_t       *data,
                                  size_t         size,
                                  size_t         max_size,
                                  unsigned int   seed);
size_t LLVMFuzzerCustomCrossOver (const uint8_t *data1,
                                  size_t         size1,
                                  const uint8_t *data2,
                                  size_t         size2,
                                  uint8_t       *out,
                                  size_t         max_out_size,
                                  unsigned int   seed);

size_t
LLVMFuzzerCustomMutator (uint8_t      *data,
                         size_t        size,
                         size_t        max_size,
                         unsigned int  seed)
{
  size_t mutated = 0;

  /* Mostly the tree; one time in eight the bytes, so syntax errors and
   * the nesting check keep being tried too. What does not parse as JSON
   * is always mutated as bytes. */
  if (seed % 8 != 0)
    mutated = fuzz_json_mutate (data, size, max_size, seed, LLVMFuzzerMutate);

  return mutated > 0 ? mutated : LLVMFuzzerMutate (data, size, max_size);
}

size_t
LLVMFuzzerCustomCrossOver (const uint8_t *data1,
                           size_t         size1,
                           const uint8_t *data2,
                           size_t         size2,
                           uint8_t       *out,
                           size_t         max_out_size,
                           unsigned int   seed)
{
  return fuzz_json_cross_over (data1, size1, data2, size2, out, max_out_size, seed);
}
