# SPDX-License-Identifier: MIT
# Settings every cockpit target shares: warnings, strict string handling, sanitizers.

add_library(cockpit_build_options INTERFACE)
target_compile_options(cockpit_build_options INTERFACE -Wall -Wextra -Wpedantic
    $<$<BOOL:${COCKPIT_WERROR}>:-Werror>)
target_compile_definitions(cockpit_build_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    COCKPIT_VERSION="${PROJECT_VERSION}")
if(COCKPIT_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "COCKPIT_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
    endif()
    # Every library the fuzz targets link is instrumented, so that libFuzzer sees coverage inside core.
    target_compile_options(cockpit_build_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(cockpit_build_options INTERFACE -fsanitize=address,undefined)
endif()
if(COCKPIT_TSAN)
    if(COCKPIT_SANITIZE OR COCKPIT_FUZZ OR COCKPIT_BUILD_GUI)
        message(FATAL_ERROR "COCKPIT_TSAN is a build of its own: -DCOCKPIT_BUILD_GUI=OFF, without COCKPIT_SANITIZE and COCKPIT_FUZZ")
    endif()
    target_compile_options(cockpit_build_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(cockpit_build_options INTERFACE -fsanitize=thread)
endif()
if(COCKPIT_SANITIZE)
    target_compile_options(cockpit_build_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(cockpit_build_options INTERFACE -fsanitize=address,undefined)
endif()

# cockpit_add_core_library(NAME SOURCES... [LINK libs...])
# Each part of core is its own static library so that the CLI and the tests link only what they use.
function(cockpit_add_core_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
    qt_add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(${name} PUBLIC cockpit_build_options Qt6::Core ${ARG_LINK})
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
