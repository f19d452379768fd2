# gutlog: food, symptom and medicine names from the dictionary and your diary.
# Which names the word at the cursor wants: foods, symptoms, intakes or none.
_gutlog_name_kind() {
    local i word sub="" kind="" positional=0 skip=0 glue=0
    local -a words=()
    # Bash splits "12:00" and "--at=12:00" at ':' and '='; join them again.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == : || $word == = ]] && ((${#words[@]})); then
            words[${#words[@]} - 1]+=$word
            glue=1
        elif ((glue)); then
            words[${#words[@]} - 1]+=$word
            glue=0
        else
            words+=("$word")
        fi
    done
    for word in "${words[@]}"; do
        if ((skip)); then
            skip=0
            continue
        fi
        case $word in
            --db | --config | --at | --slot | --tag | --no-tag | --note | --kind | --date) skip=1; continue ;;
            -*) continue ;;
        esac
        if [[ -z $sub ]]; then
            sub=$word
        elif [[ $sub == log && -z $kind ]]; then
            kind=$word
        else
            positional=$((positional + 1))
        fi
    done
    [[ $skip == 0 && $sub == log && $positional == 0 && ${COMP_WORDS[COMP_CWORD]} != -* ]] || return 1
    case $kind in
        meal) echo foods ;;
        symptom) echo symptoms ;;
        intake) echo intakes ;;
        *) return 1 ;;
    esac
}

_gutlog_with_names() {
    local kind line
    if kind=$(_gutlog_name_kind); then
        COMPREPLY=()
        while IFS= read -r line; do
            COMPREPLY+=("$line")
        done < <(command gutlog __complete "$kind" -- "${COMP_WORDS[COMP_CWORD]}" 2>/dev/null)
        # Let readline quote spaces ("sweet potato") as it does for file names.
        compopt -o filenames 2>/dev/null
        return 0
    fi
    _gutlog "$@"
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _gutlog_with_names -o nosort -o bashdefault -o default gutlog
else
    complete -F _gutlog_with_names -o bashdefault -o default gutlog
fi
