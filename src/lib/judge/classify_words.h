/* classify_words.h - the word lists behind the classifier's features. */
#ifndef PTRCHECK_CLASSIFY_WORDS_H
#define PTRCHECK_CLASSIFY_WORDS_H

#include <stdbool.h>

#include "ptrcheck/ptrcheck.h"

extern const char *const second_level_words[];

bool word_in(const char *w, const char *const *list);
/* word_pool_weight - 2 for a pool word, 1 for a weaker hint, else 0. */
int word_pool_weight(const char *token);
bool word_is_mail(const char *token);

#endif
