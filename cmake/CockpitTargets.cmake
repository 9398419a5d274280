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
# The source and build folders never reach a binary: __FILE__ and debug paths are relative to them.
target_compile_options(cockpit_build_options INTERFACE
    -ffile-prefix-map=${PROJECT_SOURCE_DIR}/= -ffile-prefix-map=${PROJECT_BINARY_DIR}/=)
# Debian's hardening flags (those of dpkg-buildflags), for the programs that are packaged; the sanitizer
# builds keep their own instrumentation only.
if(NOT COCKPIT_SANITIZE AND NOT COCKPIT_TSAN AND NOT COCKPIT_FUZZ)
    target_compile_options(cockpit_build_options INTERFACE
        -fstack-protector-strong -fstack-clash-protection -Wformat -Werror=format-security
        $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2>)
    target_link_options(cockpit_build_options INTERFACE -Wl,-z,relro -Wl,-z,now)
endif()
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

# cockpit_expose_headers(TARGET DIR AS)
# Puts DIR on TARGET's public include path as "AS/...", and nothing beside it: a folder of the build tree
# holds one link named AS to DIR. A library that links TARGET sees these headers; one that does not,
# cannot include them by accident.
function(cockpit_expose_headers target dir as)
    set(root ${PROJECT_BINARY_DIR}/include/${target})
    file(MAKE_DIRECTORY ${root})
    if(NOT EXISTS ${root}/${as})
        file(CREATE_LINK ${dir} ${root}/${as} SYMBOLIC)
    endif()
    target_include_directories(${target} PUBLIC ${root})
endfunction()

# cockpit_add_core_library(NAME SOURCES... [LINK libs...])
# Each folder of core is its own static library so that the CLI and the tests link only what they use;
# its headers are included as "<folder>/name.h".
function(cockpit_add_core_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
    qt_add_library(${name} STATIC ${ARG_SOURCES})
    get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
    cockpit_expose_headers(${name} ${CMAKE_CURRENT_SOURCE_DIR} ${folder})
    target_link_libraries(${name} PUBLIC cockpit_build_options Qt6::Core ${ARG_LINK})
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
