/*
 * scan_map.c - --map FILE.svg: a picture of the scanned prefix, one cell
 * per address (a /16 as 256 x 256, a /24 as 16 x 16), coloured by verdict,
 * with a legend and the count of each verdict. A prefix of more than
 * 65,536 addresses gets 256 x 256 cells of equal blocks, each showing its
 * worst verdict. One byte per cell: the memory is flat whatever the size.
 * Self-contained SVG: no script, no external reference; the only text is
 * the prefix, the verdict names and numbers.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "scan.h"

#define MAP_BITS_MAX 16 /* 65,536 cells */
#define MAP_PIXELS 768  /* the width of the grid */
#define NVERDICTS (PTRCHECK_VERDICT_TEMPORARY + 1)

struct scan_map {
	struct ptrcheck_prefix prefix;
	unsigned bits; /* log2 of the cells */
	unsigned width, height;
	unsigned char *cell; /* 0: not scanned, else rank of the worst */
	uint64_t counts[NVERDICTS];
};

/* Worst last: an aggregated cell shows its worst verdict. */
static const struct {
	enum ptrcheck_verdict verdict;
	const char *colour;
} ranks[] = {
    {PTRCHECK_VERDICT_PASS, "#2e7d32"},
    {PTRCHECK_VERDICT_TEMPORARY, "#9e9e9e"},
    {PTRCHECK_VERDICT_PTR_GENERIC, "#f9a825"},
    {PTRCHECK_VERDICT_FORWARD_MISMATCH, "#ef6c00"},
    {PTRCHECK_VERDICT_FORWARD_MISSING, "#d84315"},
    {PTRCHECK_VERDICT_PTR_INVALID, "#6a1b9a"},
    {PTRCHECK_VERDICT_PTR_MISSING, "#c62828"},
};
#define NRANKS (sizeof(ranks) / sizeof(ranks[0]))

static unsigned
rank_of(enum ptrcheck_verdict v)
{
	unsigned i;

	for (i = 0; i < NRANKS; i++)
		if (ranks[i].verdict == v)
			return i + 1;
	return 0;
}

struct scan_map *
scan_map_new(const struct ptrcheck_prefix *p)
{
	struct scan_map *m = calloc(1, sizeof(*m));
	unsigned size = ptrcheck_prefix_size_log2(p);

	if (m == NULL)
		return NULL;
	m->prefix = *p;
	m->bits = size < MAP_BITS_MAX ? size : MAP_BITS_MAX;
	m->width = 1u << ((m->bits + 1) / 2);
	m->height = 1u << (m->bits / 2);
	if ((m->cell = calloc((size_t)1 << m->bits, 1)) == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void
scan_map_free(struct scan_map *m)
{
	if (m != NULL)
		free(m->cell);
	free(m);
}

/* cell_of - the address's cell: the m->bits bits after the prefix. */
static bool
cell_of(const struct scan_map *m, const struct ptrcheck_addr *a, size_t *out)
{
	unsigned total = a->family == AF_INET ? 32 : 128, i, bit;
	size_t c = 0;

	if (a->family != m->prefix.addr.family ||
	    !ptrcheck_prefix_contains(&m->prefix, a))
		return false;
	for (i = 0; i < m->bits; i++) {
		bit = m->prefix.len + i;
		if (bit >= total)
			break;
		c = c << 1 | ((a->bytes[bit / 8] >> (7 - bit % 8)) & 1);
	}
	*out = c;
	return true;
}

void
scan_map_add(
    struct scan_map *m, const struct ptrcheck_addr *a, enum ptrcheck_verdict v)
{
	unsigned r = rank_of(v);
	size_t c;

	if ((unsigned)v < NVERDICTS)
		m->counts[v]++;
	if (cell_of(m, a, &c) && r > m->cell[c])
		m->cell[c] = (unsigned char)r;
}

/* row - one row of cells, runs of one colour as one rectangle. */
static void
row(const struct scan_map *m, unsigned y, unsigned px, FILE *out)
{
	unsigned x = 0, end;
	unsigned char r;

	while (x < m->width) {
		r = m->cell[(size_t)y * m->width + x];
		for (end = x + 1;
		     end < m->width && m->cell[(size_t)y * m->width + end] == r;
		     end++)
			;
		if (r > 0)
			fprintf(out,
			    "<rect x=\"%u\" y=\"%u\" width=\"%u\" "
			    "height=\"%u\" "
			    "fill=\"%s\"/>\n",
			    x * px, 30 + y * px, (end - x) * px, px,
			    ranks[r - 1].colour);
		x = end;
	}
}

static void
legend(const struct scan_map *m, unsigned top, FILE *out)
{
	unsigned i, y = top;

	for (i = NRANKS; i > 0; i--) {
		enum ptrcheck_verdict v = ranks[i - 1].verdict;

		fprintf(out,
		    "<rect x=\"0\" y=\"%u\" width=\"14\" height=\"14\" "
		    "fill=\"%s\"/><text x=\"20\" y=\"%u\" class=\"verdict\">"
		    "%s %llu</text>\n",
		    y, ranks[i - 1].colour, y + 12, ptrcheck_verdict_name(v),
		    (unsigned long long)m->counts[v]);
		y += 20;
	}
	fprintf(out,
	    "<rect x=\"0\" y=\"%u\" width=\"14\" height=\"14\" "
	    "fill=\"#ffffff\" "
	    "stroke=\"#999999\"/><text x=\"20\" y=\"%u\">not scanned</text>\n",
	    y, y + 12);
}

bool
scan_map_write(const struct scan_map *m, FILE *out)
{
	char p[PTRCHECK_ADDR_TEXT_MAX + 8];
	unsigned px = MAP_PIXELS / m->width, y, grid_h, w, h;
	unsigned long long per_cell =
	    1ull << (ptrcheck_prefix_size_log2(&m->prefix) - m->bits);

	if (px == 0)
		px = 1;
	grid_h = m->height * px;
	w = m->width * px > 320 ? m->width * px : 320;
	h = 30 + grid_h + 20 + 20 * (NRANKS + 1);
	ptrcheck_prefix_format(&m->prefix, p, sizeof(p));
	fprintf(out,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" "
	    "height=\"%u\" viewBox=\"0 0 %u %u\" font-family=\"sans-serif\" "
	    "font-size=\"13\">\n"
	    "<title>ptrcheck scan of %s</title>\n"
	    "<text x=\"0\" y=\"18\" font-size=\"16\">%s: %u x %u cells, %llu "
	    "address%s each</text>\n"
	    "<rect x=\"0\" y=\"30\" width=\"%u\" height=\"%u\" "
	    "fill=\"#ffffff\" "
	    "stroke=\"#999999\"/>\n",
	    w, h, w, h, p, p, m->width, m->height, per_cell,
	    per_cell == 1 ? "" : "es", m->width * px, grid_h);
	for (y = 0; y < m->height; y++)
		row(m, y, px, out);
	legend(m, 30 + grid_h + 20, out);
	fputs("</svg>\n", out);
	return !ferror(out);
}
