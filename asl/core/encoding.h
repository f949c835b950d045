// asl/core/encoding.h
//
// Base64 (RFC 4648, standard alphabet) over byte strings. The one codec of
// the project: each caller keeps its own rules about what text it accepts
// (AWS's intrinsics are strict, JSONata's $base64decode is lenient as Node
// is) and hands the codec only well-formed input. Pure functions; safe from
// any thread.
#ifndef SFN_ASL_CORE_ENCODING_H_
#define SFN_ASL_CORE_ENCODING_H_

#include <optional>
#include <string>
#include <string_view>

namespace sfn {

// `bytes` in base64, padded with '=' to a multiple of four characters.
std::string Base64Encode(std::string_view bytes);

// The bytes `text` encodes, or nullopt when it is not base64: a character
// outside the alphabet, a '=' anywhere but in a final padding of one or two,
// padding that does not complete a group of four, or a length that leaves a
// lone character (4n+1). Padding may be left out. Bits left over after the
// last whole byte are ignored, as Java's decoder ignores them.
std::optional<std::string> Base64Decode(std::string_view text);

// The value (0-63) of a base64 character, or -1 for any other character.
int Base64Digit(char c);

}  // namespace sfn

#endif  // SFN_ASL_CORE_ENCODING_H_
