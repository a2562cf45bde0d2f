/* The default rule catalogue: each rule fires exactly when its condition holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <portfolio/portfolio.h>

static void test_default_catalogue_opens(void **state)
{
    (void)state;
    pf_rules *rules = NULL;
    assert_int_equal(pf_rules_open_default(&rules, NULL, NULL), PF_OK);
    assert_true(pf_rules_count(rules) >= 30);
    assert_string_equal(pf_rules_id_at(rules, 0), "S01");
    pf_rules_free(rules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_catalogue_opens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
