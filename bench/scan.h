/* A bare libyaml event scan: the floor any YAML reader pays, to state the library's times as ratios to it. */
#ifndef PF_BENCH_SCAN_H
#define PF_BENCH_SCAN_H

#include <stddef.h>
#include <stdio.h>
#include <yaml.h>

/* Parses every event from a parser whose input is set, drops it, and deletes the parser; returns
 * how many events there were (0 on a parse error: a stream has at least its start and end). */
static inline size_t bare_yaml_scan_parser(yaml_parser_t *parser)
{
    yaml_event_t ev;
    size_t events = 0;
    for (;;) {
        if (!yaml_parser_parse(parser, &ev)) {
            events = 0;
            break;
        }
        events++;
        yaml_event_type_t type = ev.type;
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(parser);
    return events;
}

/* The scan of bytes in memory. */
static inline size_t bare_yaml_scan(const char *data, size_t size)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, size);
    return bare_yaml_scan_parser(&parser);
}

/* The scan of an open file, read through libyaml's own FILE * input as it streams (the caller closes it). */
static inline size_t bare_yaml_scan_file(FILE *f)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    return bare_yaml_scan_parser(&parser);
}

#endif
