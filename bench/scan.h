/* A bare libyaml event scan: the floor any YAML reader pays, to state the library's times as ratios to it. */
#ifndef PF_BENCH_SCAN_H
#define PF_BENCH_SCAN_H

#include <stddef.h>
#include <yaml.h>

/* Parses every event of `data` and drops it; returns how many there were (0 on a parse error). */
static size_t bare_yaml_scan(const char *data, size_t size)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    size_t events = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &ev)) {
            events = 0;
            break;
        }
        events++;
        yaml_event_type_t type = ev.type;
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return events;
}

#endif
