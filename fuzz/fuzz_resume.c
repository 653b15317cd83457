/* fuzz_resume.c - the file --resume reads (scan's own output, or anything
 * put in its place): a result count no larger than its lines, the cut
 * line cut, a file that is no scan output refused. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/ptrcheck-fuzz-resume-XXXXXX";
	struct scan_resume r;
	size_t i, lines = 0;
	int fd = mkstemp(path), csv;

	if (fd < 0)
		return 0;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (csv = 0; csv < 2; csv++) {
		if (lseek(fd, 0, SEEK_SET) != 0 || ftruncate(fd, 0) != 0 ||
		    write(fd, data, size) != (ssize_t)size)
			break;
		memset(&r, 0, sizeof(r));
		r.csv = csv;
		if (scan_resume_open(path, &r)) {
			if (r.done > lines)
				abort();
			/* positioned after the last complete line */
			if (r.cut && ftello(r.out) > (off_t)size)
				abort();
			fclose(r.out);
		}
	}
	close(fd);
	unlink(path);
	return 0;
}
