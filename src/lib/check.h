/* check.h - see ptrcheck_check_start() in the public header. */
#ifndef PTRCHECK_CHECK_H
#define PTRCHECK_CHECK_H

#include "ptrcheck/ptrcheck.h"

#endif
