/* Loading a model into GLPK, reading and writing model files, and reading results back. */
#include "pool_glpk_internal.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static int bound_type(double lower, double upper) {
    int has_lower = !isinf(lower), has_upper = !isinf(upper);
    if (!has_lower && !has_upper) return GLP_FR;
    if (!has_upper) return GLP_LO;
    if (!has_lower) return GLP_UP;
    return lower == upper ? GLP_FX : GLP_DB;
}

/* An integer column's bounds rounded inward (glp_intopt rejects fractional ones); values within
   1e-9 of an integer are taken as that integer rather than rounded away. */
static double integer_bound(double x, int is_lower) {
    if (isinf(x)) return x;
    double r = nearbyint(x);
    if (fabs(x - r) <= 1e-9) return r;
    return is_lower ? ceil(x) : floor(x);
}

typedef struct { const pool_glp_model *model; int ignore_integrality; } load_args;

static int op_load(pool_glp_problem *p, void *arg) {
    const load_args *a = arg;
    const pool_glp_model *m = a->model;
    glp_prob *P = pool_new_prob(p);
    if (m->name) glp_set_prob_name(P, m->name);
    if (m->objective_name) glp_set_obj_name(P, m->objective_name);
    glp_set_obj_dir(P, m->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(P, 0, m->objective_constant);
    if (m->rows > 0) glp_add_rows(P, m->rows);
    if (m->columns > 0) glp_add_cols(P, m->columns);

    const char *name = m->column_names;
    for (int j = 0; j < m->columns; j++) {
        double lower = m->lower[j], upper = m->upper[j];
        if (m->kinds && m->kinds[j] != POOL_COL_CONTINUOUS && !a->ignore_integrality) {
            /* GLP_IV, not GLP_BV: GLP_BV would reset a fixed binary's bounds to [0, 1]. */
            glp_set_col_kind(P, j + 1, GLP_IV);
            lower = integer_bound(lower, 1);
            upper = integer_bound(upper, 0);
        }
        glp_set_col_bnds(P, j + 1, bound_type(lower, upper), lower, upper);
        if (m->objective[j] != 0) glp_set_obj_coef(P, j + 1, m->objective[j]);
        if (name) { glp_set_col_name(P, j + 1, name); name += strlen(name) + 1; }
    }
    name = m->row_names;
    for (int i = 0; i < m->rows; i++) {
        double r = m->rhs[i];
        switch (m->senses[i]) {
        case POOL_ROW_LE: glp_set_row_bnds(P, i + 1, GLP_UP, 0, r); break;
        case POOL_ROW_GE: glp_set_row_bnds(P, i + 1, GLP_LO, r, 0); break;
        default: glp_set_row_bnds(P, i + 1, GLP_FX, r, r); break;
        }
        if (name) { glp_set_row_name(P, i + 1, name); name += strlen(name) + 1; }
    }

    /* glp_load_matrix wants 1-based triplets. */
    long nonzeros = m->rows > 0 ? m->row_start[m->rows] : 0;
    int *ia = pool_scratch(p, 0, sizeof(int) * (size_t)(nonzeros + 1));
    int *ja = pool_scratch(p, 1, sizeof(int) * (size_t)(nonzeros + 1));
    double *ar = pool_scratch(p, 2, sizeof(double) * (size_t)(nonzeros + 1));
    if (!ia || !ja || !ar) { snprintf(p->message, sizeof p->message, "out of memory loading the matrix"); return POOL_GLP_NO_MEMORY; }
    for (int i = 0; i < m->rows; i++) {
        for (long k = m->row_start[i]; k < m->row_start[i + 1]; k++) {
            ia[k + 1] = i + 1;
            ja[k + 1] = m->entry_columns[k] + 1;
            ar[k + 1] = m->entry_values[k];
        }
    }
    glp_load_matrix(P, (int)nonzeros, ia, ja, ar);
    return POOL_GLP_OK;
}

int pool_glp_load(pool_glp_problem *p, const pool_glp_model *m, int ignore_integrality) {
    load_args a = { m, ignore_integrality };
    return pool_guarded(p, 0, op_load, &a);
}

typedef struct { int format; const char *path; } file_args;

static int op_write(pool_glp_problem *p, void *arg) {
    const file_args *a = arg;
    glp_term_out(GLP_ON);
    int ret = a->format == POOL_FILE_MPS ? glp_write_mps(p->prob, GLP_MPS_FILE, NULL, a->path)
                                         : glp_write_lp(p->prob, NULL, a->path);
    if (ret != 0) { pool_failure_from_output(p, "GLPK could not write the file"); return POOL_GLP_FAILED; }
    return POOL_GLP_OK;
}

int pool_glp_write(pool_glp_problem *p, int format, const char *path) {
    file_args a = { format, path };
    return pool_guarded(p, 1, op_write, &a);
}

static int op_read(pool_glp_problem *p, void *arg) {
    const file_args *a = arg;
    glp_prob *P = pool_new_prob(p);
    if (a->format == POOL_FILE_LP) {
        if (glp_read_lp(P, NULL, a->path) == 0) return POOL_GLP_OK;
        pool_failure_from_output(p, "not a valid CPLEX LP file");
        return POOL_GLP_FAILED;
    }
    if (glp_read_mps(P, GLP_MPS_FILE, NULL, a->path) == 0) return POOL_GLP_OK;
    char free_message[sizeof p->message];
    pool_failure_from_output(p, "not a valid MPS file");
    memcpy(free_message, p->message, sizeof free_message);
    glp_erase_prob(P);
    if (glp_read_mps(P, GLP_MPS_DECK, NULL, a->path) == 0) return POOL_GLP_OK;
    snprintf(p->message, sizeof p->message, "%s", free_message);
    return POOL_GLP_FAILED;
}

int pool_glp_read(pool_glp_problem *p, int format, const char *path) {
    file_args a = { format, path };
    return pool_guarded(p, 0, op_read, &a);
}

static int op_sizes(pool_glp_problem *p, void *arg) {
    pool_glp_sizes *s = arg;
    glp_prob *P = p->prob;
    s->rows = glp_get_num_rows(P);
    s->columns = glp_get_num_cols(P);
    s->nonzeros = glp_get_num_nz(P);
    s->maximize = glp_get_obj_dir(P) == GLP_MAX;
    s->objective_constant = glp_get_obj_coef(P, 0);
    s->row_name_bytes = 0;
    s->column_name_bytes = 0;
    for (int i = 1; i <= s->rows; i++) {
        const char *n = glp_get_row_name(P, i);
        s->row_name_bytes += (n ? strlen(n) : 0) + 1;
    }
    for (int j = 1; j <= s->columns; j++) {
        const char *n = glp_get_col_name(P, j);
        s->column_name_bytes += (n ? strlen(n) : 0) + 1;
    }
    return POOL_GLP_OK;
}

int pool_glp_sizes_of(pool_glp_problem *p, pool_glp_sizes *out) { return pool_guarded(p, 1, op_sizes, out); }

static char *copy_name(char *to, const char *name) {
    size_t n = name ? strlen(name) : 0;
    if (n) memcpy(to, name, n);
    to[n] = '\0';
    return to + n + 1;
}

static int op_extract(pool_glp_problem *p, void *arg) {
    const pool_glp_extracted *out = arg;
    glp_prob *P = p->prob;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    char *name = out->column_names;
    for (int j = 1; j <= n; j++) {
        int kind = glp_get_col_kind(P, j), type = glp_get_col_type(P, j);
        out->kinds[j - 1] = kind == GLP_BV ? POOL_COL_BINARY : kind == GLP_IV ? POOL_COL_INTEGER : POOL_COL_CONTINUOUS;
        out->lower[j - 1] = (type == GLP_FR || type == GLP_UP) ? -HUGE_VAL : glp_get_col_lb(P, j);
        out->upper[j - 1] = (type == GLP_FR || type == GLP_LO) ? HUGE_VAL : glp_get_col_ub(P, j);
        out->objective[j - 1] = glp_get_obj_coef(P, j);
        name = copy_name(name, glp_get_col_name(P, j));
    }
    int *ind = pool_scratch(p, 0, sizeof(int) * (size_t)(n + 1));
    double *val = pool_scratch(p, 1, sizeof(double) * (size_t)(n + 1));
    if (!ind || !val) { snprintf(p->message, sizeof p->message, "out of memory reading the matrix"); return POOL_GLP_NO_MEMORY; }
    long k = 0;
    name = out->row_names;
    out->row_start[0] = 0;
    for (int i = 1; i <= m; i++) {
        int type = glp_get_row_type(P, i);
        out->row_types[i - 1] = type == GLP_FR ? POOL_ROW_FREE : type == GLP_LO ? POOL_ROW_LOWER
                              : type == GLP_UP ? POOL_ROW_UPPER : type == GLP_DB ? POOL_ROW_RANGE : POOL_ROW_FIXED;
        out->row_lower[i - 1] = glp_get_row_lb(P, i);
        out->row_upper[i - 1] = glp_get_row_ub(P, i);
        int len = glp_get_mat_row(P, i, ind, val);
        for (int t = 1; t <= len; t++, k++) {
            out->entry_columns[k] = ind[t] - 1;
            out->entry_values[k] = val[t];
        }
        out->row_start[i] = k;
        name = copy_name(name, glp_get_row_name(P, i));
    }
    return POOL_GLP_OK;
}

int pool_glp_extract(pool_glp_problem *p, const pool_glp_extracted *out) {
    return pool_guarded(p, 1, op_extract, (void *)out);
}

typedef struct { int mip; double *values; } primal_args;

static int op_primal(pool_glp_problem *p, void *arg) {
    const primal_args *a = arg;
    int n = glp_get_num_cols(p->prob);
    for (int j = 1; j <= n; j++)
        a->values[j - 1] = a->mip ? glp_mip_col_val(p->prob, j) : glp_get_col_prim(p->prob, j);
    return POOL_GLP_OK;
}

int pool_glp_primal(pool_glp_problem *p, int mip, double *values) {
    primal_args a = { mip, values };
    return pool_guarded(p, 1, op_primal, &a);
}

typedef struct { double *row_duals, *reduced_costs; } dual_args;

static int op_duals(pool_glp_problem *p, void *arg) {
    const dual_args *a = arg;
    int m = glp_get_num_rows(p->prob), n = glp_get_num_cols(p->prob);
    for (int i = 1; i <= m; i++) a->row_duals[i - 1] = glp_get_row_dual(p->prob, i);
    for (int j = 1; j <= n; j++) a->reduced_costs[j - 1] = glp_get_col_dual(p->prob, j);
    return POOL_GLP_OK;
}

int pool_glp_duals(pool_glp_problem *p, double *row_duals, double *reduced_costs) {
    dual_args a = { row_duals, reduced_costs };
    return pool_guarded(p, 1, op_duals, &a);
}

typedef struct { int column; double lower, upper; } bounds_args;

static int op_unchecked_bounds(pool_glp_problem *p, void *arg) {
    const bounds_args *a = arg;
    glp_set_col_bnds(p->prob, a->column, GLP_DB, a->lower, a->upper);
    return POOL_GLP_OK;
}

int pool_glp_set_column_bounds_unchecked(pool_glp_problem *p, int column, double lower, double upper) {
    bounds_args a = { column, lower, upper };
    return pool_guarded(p, 1, op_unchecked_bounds, &a);
}

/* Basis statuses (GLP_BS … GLP_NS, 0-based arrays): an optimal basis of one solve lets the next
   solve of the same rows and columns (e.g. with some columns fixed) start from it. */
typedef struct { int *row_stat, *col_stat; const int *in_rows, *in_cols; } basis_args;

static int op_get_basis(pool_glp_problem *p, void *arg) {
    const basis_args *a = arg;
    int m = glp_get_num_rows(p->prob), n = glp_get_num_cols(p->prob);
    for (int i = 1; i <= m; i++) a->row_stat[i - 1] = glp_get_row_stat(p->prob, i);
    for (int j = 1; j <= n; j++) a->col_stat[j - 1] = glp_get_col_stat(p->prob, j);
    return POOL_GLP_OK;
}

int pool_glp_get_basis(pool_glp_problem *p, int *row_stat, int *col_stat) {
    basis_args a = { row_stat, col_stat, NULL, NULL };
    return pool_guarded(p, 1, op_get_basis, &a);
}

/* glp_set_row_stat/glp_set_col_stat accept any of the five codes (GLPK adjusts a nonbasic code
   that does not fit the bounds); the caller checks the codes are in 1…5. */
static int op_set_basis(pool_glp_problem *p, void *arg) {
    const basis_args *a = arg;
    int m = glp_get_num_rows(p->prob), n = glp_get_num_cols(p->prob);
    for (int i = 1; i <= m; i++) glp_set_row_stat(p->prob, i, a->in_rows[i - 1]);
    for (int j = 1; j <= n; j++) glp_set_col_stat(p->prob, j, a->in_cols[j - 1]);
    return POOL_GLP_OK;
}

int pool_glp_set_basis(pool_glp_problem *p, const int *row_stat, const int *col_stat) {
    basis_args a = { NULL, NULL, row_stat, col_stat };
    return pool_guarded(p, 1, op_set_basis, &a);
}
