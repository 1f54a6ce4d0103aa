#ifndef EQUILAB_CNCURSESW_SHIM_H
#define EQUILAB_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config -D flags, so the wide-character API is switched on here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Function-like macros do not import into Swift: expose them as functions. */
static inline unsigned int equilab_a_bold(void) { return A_BOLD; }
static inline unsigned int equilab_a_reverse(void) { return A_REVERSE; }
static inline unsigned int equilab_a_dim(void) { return A_DIM; }
static inline unsigned int equilab_a_underline(void) { return A_UNDERLINE; }
static inline unsigned int equilab_a_normal(void) { return A_NORMAL; }
static inline unsigned int equilab_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *equilab_stdscr(void) { return stdscr; }
static inline int equilab_lines(void) { return LINES; }
static inline int equilab_cols(void) { return COLS; }
static inline int equilab_colors(void) { return COLORS; }

/* Draw one wide character with attributes and a colour pair at (y, x). */
static inline int equilab_put_wch(WINDOW *w, int y, int x, wchar_t ch, unsigned int attrs, short pair) {
    cchar_t cc;
    wchar_t wc[2] = { ch, 0 };
    setcchar(&cc, wc, attrs, pair, NULL);
    return mvwadd_wch(w, y, x, &cc);
}
#endif
