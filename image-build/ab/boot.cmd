# Cairn A/B boot script for U-Boot: the boot counter RAUC's U-Boot backend expects.
# Lives on the FAT partition (boot.scr, made with mkimage) and is never updated over the air.
#
# State, in uboot.env on the FAT (U-Boot's binary env format, CRC32; the Pi's rpi_arm64 U-Boot keeps
# its own environment in the same file; Linux reads and writes it with fw_printenv/fw_setenv):
#   BOOT_ORDER    slots to try, first first ("A B"); RAUC puts a freshly installed slot first
#   BOOT_A_LEFT   tries left for slot A; spent *before* the kernel starts; "rauc status mark-good"
#   BOOT_B_LEFT   in the booted system sets it back to 3, "mark-bad" (and RAUC before writing
#                 a slot) to 0. A slot at 0 is skipped.
# A slot whose kernel or init fails resets (panic=5 on the command line, or the watchdog) before it
# marks itself good, so it uses up its tries and the next slot in BOOT_ORDER boots.
# When no slot has a try left every slot gets 3 again: a box a day's drive away keeps trying
# rather than stopping at a prompt.
#
# Slot A is partition 2, slot B partition 3 of the disk U-Boot found this script on; each carries
# its own kernel and initramfs (/boot/vmlinuz, /boot/initrd.img), so a kernel is updated with its root.

setenv cairn_env 0x4f000000
setenv cairn_env_size 0x4000
setenv BOOT_ORDER "A B"
setenv BOOT_A_LEFT 3
setenv BOOT_B_LEFT 3
if load ${devtype} ${devnum}:1 ${cairn_env} uboot.env; then
  if env import -c ${cairn_env} ${cairn_env_size} BOOT_ORDER BOOT_A_LEFT BOOT_B_LEFT; then
    echo "CAIRN-AB: uboot.env read"
  else
    echo "CAIRN-AB: uboot.env unreadable (CRC); defaults"
  fi
else
  echo "CAIRN-AB: no uboot.env; defaults"
fi
echo "CAIRN-AB: before: BOOT_ORDER=${BOOT_ORDER} BOOT_A_LEFT=${BOOT_A_LEFT} BOOT_B_LEFT=${BOOT_B_LEFT}"

setenv cairn_slot
for s in ${BOOT_ORDER}; do
  if test -z "${cairn_slot}"; then
    if test "${s}" = "A"; then
      if test ${BOOT_A_LEFT} -gt 0; then
        setexpr BOOT_A_LEFT ${BOOT_A_LEFT} - 1
        setenv cairn_slot A
        setenv cairn_part 2
      fi
    elif test "${s}" = "B"; then
      if test ${BOOT_B_LEFT} -gt 0; then
        setexpr BOOT_B_LEFT ${BOOT_B_LEFT} - 1
        setenv cairn_slot B
        setenv cairn_part 3
      fi
    fi
  fi
done

if test -z "${cairn_slot}"; then
  echo "CAIRN-AB: no slot has tries left: every slot gets 3 again"
  setenv BOOT_A_LEFT 3
  setenv BOOT_B_LEFT 3
fi
# The try is written down before the kernel starts: a reset from here on counts.
env export -c -s ${cairn_env_size} ${cairn_env} BOOT_ORDER BOOT_A_LEFT BOOT_B_LEFT
if save ${devtype} ${devnum}:1 ${cairn_env} uboot.env ${cairn_env_size}; then
  echo "CAIRN-AB: uboot.env written"
else
  echo "CAIRN-AB: uboot.env NOT written"
fi
if test -z "${cairn_slot}"; then
  reset
fi

echo "CAIRN-AB: booting slot ${cairn_slot} (BOOT_ORDER=${BOOT_ORDER} BOOT_A_LEFT=${BOOT_A_LEFT} BOOT_B_LEFT=${BOOT_B_LEFT})"
setenv bootargs "root=/dev/vda${cairn_part} ro rootwait console=ttyAMA0 panic=5 rauc.slot=${cairn_slot}"
if ext4load ${devtype} ${devnum}:${cairn_part} ${kernel_addr_r} /boot/vmlinuz; then
  if ext4load ${devtype} ${devnum}:${cairn_part} ${ramdisk_addr_r} /boot/initrd.img; then
    booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdtcontroladdr}
  fi
fi
# Only here when the slot has no kernel we can start: that try is spent; start over.
echo "CAIRN-AB: slot ${cairn_slot} has no kernel that starts; resetting"
reset
