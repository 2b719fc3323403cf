#pragma once
// Rows of the filter conformance table: filter text, fixture record, expected outcome
// (M match, N no match, E evaluation error, C<n> compile error at column n).

#include <vector>

struct FilterCase {
    const char* filter;
    int record;
    const char* expect;
};

std::vector<FilterCase> filterCases();
