#ifndef EQUILAB_CBLAS_SHIM_H
#define EQUILAB_CBLAS_SHIM_H
#include <cblas.h>

/* OpenBLAS's thread control (declared in cblas.h on Debian; repeated for other layouts). */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

/* LAPACK routines exported by libopenblas (Fortran calling convention, column-major). */
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
            double *w, double *work, const int *lwork, int *info);
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork,
             int *iwork, int *info);
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info);
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
#endif
