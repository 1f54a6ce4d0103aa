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
static inline int equilab_color_pairs(void) { return COLOR_PAIRS; }

/* Draw one wide character with attributes and a colour pair at (y, x). */
static inline int equilab_put_wch(WINDOW *w, int y, int x, wchar_t ch, unsigned int attrs, short pair) {
    cchar_t cc;
    wchar_t wc[2] = { ch, 0 };
    setcchar(&cc, wc, attrs, pair, NULL);
    return mvwadd_wch(w, y, x, &cc);
}

/* ---- Start-up helpers (Swift 6 rejects the C globals stdout/stdin, so they stay on this side). ---- */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* newterm on the process's stdout/stdin; NULL for an unknown TERM (unlike initscr, it does not exit). */
static inline SCREEN *equilab_newterm(const char *term) { return newterm(term, stdout, stdin); }

/* Whether the current LC_CTYPE codeset is UTF-8 (call after setlocale(LC_ALL, "")). */
static inline int equilab_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ---- Restoring the terminal: endwin exactly once, from whichever path gets there first. ----
   The state below has external linkage as *weak* definitions: Swift's optimizer may inline a caller of these
   static inline functions into any object file of the module (whole-module optimisation emits one object per
   source file), and each object would otherwise carry its own copy of a `static` variable — the signal handler
   would then set one copy while the main loop polled another. Weak definitions are merged by the linker into
   one variable per process, however many objects include this header. */
__attribute__((weak)) volatile sig_atomic_t equilab_curses_active = 0;
__attribute__((weak)) volatile sig_atomic_t equilab_pending = 0;

/* Marks curses as started (after newterm succeeded). */
static inline void equilab_mark_active(void) { equilab_curses_active = 1; }

/* Ends curses if it is active; safe to call any number of times. */
static inline void equilab_restore_terminal(void) {
    if (equilab_curses_active) {
        equilab_curses_active = 0;
        endwin();
    }
}

/* SIGINT/SIGTERM/SIGHUP only record the signal; the main loop polls equilab_take_signal() and stops the run first. */
static inline void equilab_on_quit_signal(int sig) { equilab_pending = sig; }

/* The pending SIGINT/SIGTERM (0 if none), cleared on read. */
static inline int equilab_take_signal(void) {
    int s = equilab_pending;
    equilab_pending = 0;
    return s;
}

/* Crash signals (how Swift traps arrive: SIGILL/SIGTRAP; also SEGV, BUS, FPE, ABRT): restore, then re-raise
   with the default action so the exit status still tells what happened. endwin is not async-signal-safe, but it
   is the process's last act. */
static inline void equilab_on_crash_signal(int sig) {
    equilab_restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void equilab_atexit_restore(void) { equilab_restore_terminal(); }

/* Installs the quit and crash handlers and the atexit hook. Call before newterm, so ncurses keeps ours. */
static inline void equilab_install_handlers(void) {
    struct sigaction quit;
    memset(&quit, 0, sizeof quit);
    quit.sa_handler = equilab_on_quit_signal;
    sigemptyset(&quit.sa_mask);
    sigaction(SIGINT, &quit, NULL);
    sigaction(SIGTERM, &quit, NULL);
    sigaction(SIGHUP, &quit, NULL);
    /* A parent may have left signals blocked (Dispatch worker threads block most); curses needs SIGWINCH and
       the workbench SIGINT/SIGTERM/SIGHUP. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    int crashes[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) signal(crashes[i], equilab_on_crash_signal);
    static int registered = 0;
    if (!registered) { registered = 1; atexit(equilab_atexit_restore); }
}

/* Puts the default handlers back (after curses has ended). */
static inline void equilab_uninstall_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    int crashes[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) signal(crashes[i], SIG_DFL);
}
#endif
