# The AWS-recorded conformance cases (../shared/conformance/aws-recorded), run
# against the real binary. Each group has the pass floor its issue set.
set(SFN_CONFORMANCE_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/run_aws_recorded.sh)

add_test(NAME conformance_jsonpath
  COMMAND ${SFN_CONFORMANCE_SCRIPT} $<TARGET_FILE:sfn-local> 95
    base choice_operators intrinsic_functions context_object error_handling scenarios
    timeouts comments logs credentials services sfn_api)
add_test(NAME conformance_jsonata
  COMMAND ${SFN_CONFORMANCE_SCRIPT} $<TARGET_FILE:sfn-local> 95
    arguments assign evaluate_jsonata outputdecl query_language states_variables)
set_tests_properties(conformance_jsonpath conformance_jsonata PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 400 RUN_SERIAL TRUE)
