/* unit.h - Check runner that speaks TAP on stdout for meson. */
#ifndef PTRCHECK_UNIT_H
#define PTRCHECK_UNIT_H

#include <check.h>
#include <stdlib.h>

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* UNIT_MAIN - run one suite; the exit status says whether all passed. */
#define UNIT_MAIN(make_suite)                                                  \
	int main(void)                                                         \
	{                                                                      \
		SRunner *sr = srunner_create(make_suite());                    \
		int failed;                                                    \
		srunner_set_fork_status(sr, CK_NOFORK);                        \
		srunner_set_tap(sr, "/dev/stdout");                            \
		srunner_run_all(sr, CK_SILENT);                                \
		failed = srunner_ntests_failed(sr);                            \
		srunner_free(sr);                                              \
		return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;              \
	}

#endif
