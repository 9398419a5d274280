# SPDX-License-Identifier: MIT
# Writes a man page from its template and gzips it as Debian asks (-9 -n: no name, no time stamp).
# cmake -DTEMPLATE=x.1.in -DOUTPUT=x.1.gz -DVERSION=v -DDATE=d [-DCOCKPITCTL=path] -P make-manpage.cmake
# With COCKPITCTL, @COCKPITCTL_COMMANDS@ becomes the COMMANDS section that `cockpitctl help --man` prints
# from the synopses and summaries its --help uses.
file(READ ${TEMPLATE} page)
string(REPLACE "@PROJECT_VERSION@" "${VERSION}" page "${page}")
string(REPLACE "@COCKPIT_RELEASE_DATE@" "${DATE}" page "${page}")
if(COCKPITCTL)
    execute_process(COMMAND ${COCKPITCTL} help --man
                    OUTPUT_VARIABLE commands RESULT_VARIABLE result ERROR_VARIABLE error)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${COCKPITCTL} help --man failed (${result}): ${error}")
    endif()
    string(STRIP "${commands}" commands)
    string(REPLACE "@COCKPITCTL_COMMANDS@" "${commands}" page "${page}")
endif()
string(REGEX REPLACE "\\.gz$" "" plain ${OUTPUT})
file(WRITE ${plain} "${page}")
execute_process(COMMAND gzip -9 -n -f ${plain} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "gzip ${plain} failed")
endif()
