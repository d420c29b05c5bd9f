#pragma once

// A table of text printed aligned for people or as CSV, for `rotsim summarize`.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace rotsim::cli {

struct TextTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::size_t left_aligned = 1; // leading columns of names; the rest are numbers

    void print_csv(std::ostream& out, bool with_header = true) const {
        auto line = [&](const std::vector<std::string>& cells) {
            for (std::size_t i = 0; i < cells.size(); ++i)
                out << (i ? "," : "") << quoted(cells[i]);
            out << '\n';
        };
        if (with_header) line(header);
        for (const auto& row : rows)
            line(row);
    }

    void print(std::ostream& out) const {
        std::vector<std::size_t> width(header.size(), 0);
        for (std::size_t i = 0; i < header.size(); ++i)
            width[i] = header[i].size();
        for (const auto& row : rows)
            for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
                width[i] = std::max(width[i], row[i].size());
        auto line = [&](const std::vector<std::string>& cells) {
            std::string text;
            for (std::size_t i = 0; i < cells.size() && i < width.size(); ++i) {
                const std::string pad(width[i] - cells[i].size(), ' ');
                if (i) text += "  ";
                text += i < left_aligned ? cells[i] + (i + 1 < cells.size() ? pad : "")
                                         : pad + cells[i];
            }
            out << text << '\n';
        };
        line(header);
        for (const auto& row : rows)
            line(row);
    }

private:
    // Design values are scenario text and may hold commas (schedules): quote as RFC 4180 does.
    static std::string quoted(const std::string& cell) {
        if (cell.find_first_of(",\"\n") == std::string::npos) return cell;
        std::string out = "\"";
        for (const char c : cell)
            out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    }
};

} // namespace rotsim::cli
