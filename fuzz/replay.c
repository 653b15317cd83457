/* replay.c - run a fuzz target over every file of its corpus directory, as
 * a TAP test: the corpus, crashers included, stays green under make check
 * (and under AddressSanitizer in make asan). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0) {
		if (f != NULL)
			fclose(f);
		return -1;
	}
	rewind(f);
	if ((buf = malloc((size_t)size + 1)) == NULL ||
	    fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)size);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	struct dirent *e;
	DIR *d;
	char path[4096];
	int n = 0, failed = 0;

	if (argc != 2 || (d = opendir(argv[1])) == NULL) {
		printf("1..0 # SKIP no corpus directory\n");
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
		n++;
		if (replay_file(path) != 0) {
			printf("not ok %d - %s (unreadable)\n", n, e->d_name);
			failed++;
		} else {
			printf("ok %d - %s\n", n, e->d_name);
		}
	}
	closedir(d);
	printf("1..%d\n", n);
	return failed == 0 && n > 0 ? 0 : 1;
}
