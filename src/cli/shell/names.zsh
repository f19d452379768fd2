# gutlog: food, symptom and medicine names from the dictionary and your diary.
# _arguments calls this with compadd's options first and the kind last.
_gutlog_names() {
    local kind=${@[-1]}
    local -a names
    names=("${(@f)$(command gutlog __complete "$kind" -- "$PREFIX" 2>/dev/null)}")
    names=(${names:#})
    compadd "${@[1,-2]}" -U -a names
}
