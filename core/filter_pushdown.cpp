#include "filter_internal.h"

namespace rw::filter_detail {

// Top-level conjuncts give the search ranges it may skip.
void collectPushdown(const Filter::Program& p, int i, FilterPushdown& out)
{
    const Node& n = p.nodes[static_cast<size_t>(i)];
    if (n.op == Op::And) {
        collectPushdown(p, n.kids[0], out);
        collectPushdown(p, n.kids[1], out);
        return;
    }
    if (n.kids.size() != 2) return;
    const Node& a = p.nodes[static_cast<size_t>(n.kids[0])];
    const Node& b = p.nodes[static_cast<size_t>(n.kids[1])];
    const bool litRight = b.op == Op::Lit, litLeft = a.op == Op::Lit;
    if (!litRight && !litLeft) return;
    const Node& field = litRight ? a : b;
    const Node& lit = litRight ? b : a;
    Op op = n.op;
    if (litLeft) { // 5 < x  ==  x > 5
        op = op == Op::Lt   ? Op::Gt
             : op == Op::Le ? Op::Ge
             : op == Op::Gt ? Op::Lt
             : op == Op::Ge ? Op::Le
                            : op;
    }
    if (field.op == Op::Timestamp && lit.lit.k == Val::Ts) {
        const TimestampMs t = lit.lit.i;
        auto lower = [&](TimestampMs v) { out.fromTime = out.fromTime ? std::max(*out.fromTime, v) : v; };
        auto upper = [&](TimestampMs v) { out.toTime = out.toTime ? std::min(*out.toTime, v) : v; };
        switch (op) {
        case Op::Gt:
            lower(t + 1);
            break;
        case Op::Ge:
            lower(t);
            break;
        case Op::Lt:
            upper(t);
            break;
        case Op::Le:
            upper(t + 1);
            break;
        case Op::Eq:
            lower(t);
            upper(t + 1);
            break;
        default:
            break;
        }
    } else if (op == Op::Eq && field.op == Op::Topic && lit.lit.k == Val::Str) {
        out.topic = QString::fromUtf8(lit.str);
    } else if (op == Op::Eq && field.op == Op::Partition && lit.lit.k == Val::Int) {
        out.partition = static_cast<PartitionId>(lit.lit.i);
    } else if (op == Op::Eq && field.op == Op::Key && lit.lit.k == Val::Str) {
        out.keyEquals = lit.str;
    }
}

} // namespace rw::filter_detail
