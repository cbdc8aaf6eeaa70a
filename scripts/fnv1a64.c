/* FNV-1a 64 over every byte of standard input, printed as 16 hex digits.
 *
 * `make bench` pipes the loaded event ids through it, one per line: FNV-1a over "id\n" for each id
 * in order is the checksum `sluice-fixtures large` prints ("fnv1a64=..."). Built by scripts/bench.sh. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
    static unsigned char buffer[1 << 16];
    uint64_t hash = 0xcbf29ce484222325ULL;
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
        for (size_t i = 0; i < n; i++) hash = (hash ^ buffer[i]) * 0x100000001b3ULL;
    }
    if (ferror(stdin)) { perror("fnv1a64"); return 1; }
    printf("%016llx\n", (unsigned long long)hash);
    return 0;
}
