// Small operations on the wording of plan text that every reader of the importer needs:
// joining parts, trimming trailing punctuation, a task's title from its text, and whole
// word search in folded text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dxgov::importer {

// Non-empty parts joined with `sep`.
std::string Join(const std::vector<std::string>& parts, const char* sep = " ");

// `s` without the trailing characters in `chars`.
std::string TrimEnd(std::string s, std::string_view chars = " .;:,");

// The first sentence (up to ". ", "; " or ": "), shortened at a word boundary to about 180
// bytes with "…".
std::string TitleOf(const std::string& text);

// Whether folded (lower-case ASCII, see text::Fold) `folded` holds `word` as whole words.
bool FoldedContainsWord(const std::string& folded, std::string_view word);

}  // namespace dxgov::importer
