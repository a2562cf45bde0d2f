/* The version of the library linked at run time. */
#include "portfolio/version.h"

const char *pf_version(void)
{
    return PF_VERSION_STRING;
}
