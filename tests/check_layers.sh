#!/bin/sh
# The model (lib/model.c) reads nothing: it calls no reader or parser, so the readers may
# use the model without a cycle. Instruments reach it parsed (lib/doc_instrument.c).
set -eu
archive=$1
undefined=$(nm -u "$archive" | awk '/:$/ { member = $1; next } member == "model.c.o:" && NF { print $NF }')
[ -n "$undefined" ] || { echo "model.c.o not found in $archive"; exit 1; }
readers=$(printf '%s\n' "$undefined" |
    grep -E '^(pf_[a-z_]+_read_(file|buffer)|pf__instrument_(open|parse)|pf__yr_[a-z_]+|yaml_[a-z_]+|pf_import_[a-z_]+)$' || true)
if [ -n "$readers" ]; then
    echo "lib/model.c calls readers:"
    printf '%s\n' "$readers"
    exit 1
fi
echo "model.c.o calls $(printf '%s\n' "$undefined" | wc -l) functions, no reader"
