// asl/jsonata/operators.h
//
// JSONata's operators and value rules, shared by the evaluator and the
// built-in functions. Pure functions of their arguments (a few consult the
// Evaluator for its sequence-size limit); errors are thrown as
// JsonataException with JSONata's codes.
#ifndef SFN_ASL_JSONATA_OPERATORS_H_
#define SFN_ASL_JSONATA_OPERATORS_H_

#include <functional>
#include <string>
#include <vector>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/value.h"

namespace sfn::asl::jsonata {

class Evaluator;

// A finite number (NaN is not numeric; infinities throw D1001).
bool IsNumeric(const Value& v);
// + - * / % with T2001/T2002; undefined when either side is undefined.
Value NumericOp(BinaryOp op, const Value& lhs, const Value& rhs);
// < <= > >= on two numbers or two strings (T2009, T2010).
Value CompareOp(BinaryOp op, const Value& lhs, const Value& rhs);
// `lhs..rhs` (T2003, T2004, D2014).
Value RangeOp(Evaluator& ev, const Value& lhs, const Value& rhs);
// `lhs in rhs`, by strict equality.
Value InOp(const Value& lhs, const Value& rhs);
// A name step: the field of an object, mapped over arrays and flattened.
Value LookupField(const Value& input, const std::string& key);
// `*` and `**`.
Value WildcardOf(Evaluator& ev, Value input);
Value DescendantsOf(const Value& input);

// jsonata-js's fn.append: concatenates, treating non-arrays as singletons.
Value Append(Evaluator& ev, const Value& a, const Value& b);
// The effective boolean value ($boolean); undefined stays undefined.
Value ToBoolean(const Value& v);
bool IsTruthy(const Value& v);
// $string.
Value ToStringValue(const Value& v, bool pretty = false);
// Checks a number result is finite (D1001) and returns it as a Value.
Value CheckedNumber(double d);
// jsonata-js's stable merge sort: `swap(a, b)` is true when item b must
// come before item a. Sorts `order` (indexes into the caller's items).
void MergeSortIndexes(std::vector<size_t>* order, const std::function<bool(size_t, size_t)>& swap);
// A deep copy ready to be modified, as JSON.parse($string(v)) would make
// it (used by $clone and transforms).
Value DeepClone(const Value& v);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_OPERATORS_H_
