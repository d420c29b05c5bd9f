// Design points listed one by one (--points FILE.csv, a calibration's proposals): no rule makes
// them, so the file's text is the design, and every problem names its line.
#include <set>

#include "ensemble/design.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"

namespace rotsim {
namespace {

struct CsvLine {
    std::vector<std::string> fields;
};

// One line of CSV as RFC 4180 reads it, less line breaks inside quotes: a value that holds a
// comma ("0:1, 90:2", a schedule) is quoted, and "" inside quotes is one quote. Spaces around an
// unquoted field are not part of it, as --set trims them.
CsvLine split_csv(std::string_view line, const std::string& where) {
    CsvLine out;
    std::size_t i = 0;
    while (true) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        std::string field;
        if (i < line.size() && line[i] == '"') {
            for (++i;; ++i) {
                if (i >= line.size())
                    throw InputError(where + ": a quoted value has no closing '\"'");
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += line[i];
            }
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
            if (i < line.size() && line[i] != ',')
                throw InputError(where + ": text after a quoted value; quote the whole value");
        } else {
            const std::size_t end = std::min(line.find(',', i), line.size());
            field = trim(line.substr(i, end - i));
            if (field.find('"') != std::string::npos)
                throw InputError(where + ": a '\"' inside an unquoted value " + in_quotes(field) +
                                 "; quote the whole value and double the quote");
            i = end;
        }
        out.fields.push_back(std::move(field));
        if (i >= line.size()) return out;
        ++i; // the comma
    }
}

} // namespace

PointList parse_points(std::string_view text, const std::string& path) {
    PointList list;
    list.source = path;
    std::int64_t number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3); // UTF-8 BOM
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string trimmed = trim(line);
        if (trimmed.empty() || trimmed.front() == '#') continue;
        const std::string where = path + ":" + std::to_string(number);
        const CsvLine csv = split_csv(line, where);
        if (list.keys.empty()) {
            std::set<std::string> seen;
            for (const std::string& key : csv.fields) {
                if (key.empty())
                    throw InputError(where + ": an empty key in the header (the first line "
                                             "names the keys, e.g. casualties.p_kia,strength."
                                             "max_tours)");
                if (key.find('=') != std::string::npos)
                    throw InputError(where + ": the header names keys, without values: got " +
                                     in_quotes(key));
                if (!seen.insert(key).second)
                    throw InputError(
                        std::string(where).append(": key ").append(key).append(" is given twice"));
            }
            list.keys = csv.fields;
            list.header_line = number;
            continue;
        }
        if (csv.fields.size() != list.keys.size())
            throw InputError(where + ": expected " + std::to_string(list.keys.size()) +
                             " values (one per key of the header, line " +
                             std::to_string(list.header_line) + "), got " +
                             std::to_string(csv.fields.size()) +
                             " (a value holding commas is quoted: \"0:1, 90:2\")");
        for (std::size_t k = 0; k < csv.fields.size(); ++k)
            if (trim(csv.fields[k]).empty())
                throw InputError(where + ": empty value for " + list.keys[k]);
        if (static_cast<std::int64_t>(list.values.size()) >= kMaxDesignPoints)
            throw InputError(where + ": more than " + std::to_string(kMaxDesignPoints) + " points");
        list.values.push_back(csv.fields);
        list.lines.push_back(number);
    }
    if (list.keys.empty())
        throw InputError(path + ": no header: the first line names the keys, e.g. "
                                "casualties.p_kia,strength.max_tours");
    if (list.values.empty())
        throw InputError(path + ":" + std::to_string(list.header_line) +
                         ": no points after the header");
    return list;
}

Design points_design(const PointList& list) {
    Design design;
    design.kind = list.kind;
    design.source = list.source;
    design.keys = list.keys;
    std::set<std::string> seen;
    for (const std::string& key : list.keys)
        if (key.empty() || !seen.insert(key).second)
            throw InputError(list.source + ": key " + in_quotes(key) + " is empty or listed twice");
    if (list.values.empty()) throw InputError(list.source + ": no points");
    if (static_cast<std::int64_t>(list.values.size()) > kMaxDesignPoints)
        throw InputError(list.source + ": more than " + std::to_string(kMaxDesignPoints) +
                         " points");
    design.points = static_cast<std::int64_t>(list.values.size());
    design.values.assign(list.keys.size(), {});
    for (std::size_t p = 0; p < list.values.size(); ++p) {
        if (list.values[p].size() != list.keys.size())
            throw InputError(list.source + ": point " + std::to_string(p) + " has " +
                             std::to_string(list.values[p].size()) + " values for " +
                             std::to_string(list.keys.size()) + " keys");
        for (std::size_t k = 0; k < list.keys.size(); ++k)
            design.values[k].push_back(trim(list.values[p][k]));
    }
    design.lines = list.lines;
    design.lines.resize(list.values.size(), 0);
    return design;
}

} // namespace rotsim
