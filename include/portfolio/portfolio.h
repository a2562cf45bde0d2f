/**
 * @file portfolio.h
 * @brief libportfolio: explore and steward a public-sector innovation
 *        portfolio with the OECD OPSI innovation facets method.
 *
 * Include this one header. See docs/ for the method, the document format and
 * the API conventions.
 */
#ifndef PORTFOLIO_PORTFOLIO_H
#define PORTFOLIO_PORTFOLIO_H

#include "common.h"
#include "portfolio/version.h"
#include "enums.h"
#include "model.h"
#include "document.h"
#include "instrument.h"
#include "score.h"
#include "map.h"
#include "compare.h"
#include "relations.h"
#include "advice.h"
#include "chart.h"
#include "report.h"
#include "record.h"
#include "form.h"
#include "answers.h"
#include "import.h"
#include "analyse.h"

#endif
