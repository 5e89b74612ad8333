# dxgov_embed(<out.cc> NAMESPACE <ns> HEADER <header> FILES <paths under data/>...)
# Generates <out.cc>, embedding the files as string constants (cmake/embed.cmake), and
# regenerates it when a file or the script changes.
function(dxgov_embed out)
  cmake_parse_arguments(E "" "NAMESPACE;HEADER;COMMENT" "FILES" ${ARGN})
  list(TRANSFORM E_FILES PREPEND ${PROJECT_SOURCE_DIR}/data/ OUTPUT_VARIABLE paths)
  string(REPLACE ";" "," list "${E_FILES}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${PROJECT_SOURCE_DIR}/data -DFILES=${list}
            -DNAMESPACE=${E_NAMESPACE} -DHEADER=${E_HEADER} -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${paths} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "${E_COMMENT}"
    VERBATIM)
endfunction()
